import { GraphQLError } from "graphql";
import type { AuthChecker } from "type-graphql";
import type { Role } from "../config";

/** Who is asking. Anonymous readers have no role; `tokenGiven` tells a wrong token from none. */
export interface Viewer {
  role: Role | null;
  /** The token's label (for the audit trail); null when anonymous. */
  label: string | null;
  tokenGiven: boolean;
}

export const ANONYMOUS: Viewer = { role: null, label: null, tokenGiven: false };

/** Roles and what they may do: admins everything, organisers everything but deletions of people,
 * organisations, honours and congresses, and the audit trail. */
export const ORGANISER_OR_ADMIN: Role[] = ["organiser", "admin"];
export const ADMIN_ONLY: Role[] = ["admin"];

/** Throws UNAUTHENTICATED without a valid token, FORBIDDEN when its role may not do this. */
export function requireRole(viewer: Viewer, ...roles: Role[]): asserts viewer is Viewer & { role: Role; label: string } {
  if (!viewer.role) {
    throw new GraphQLError(viewer.tokenGiven ? "Unknown or revoked token" : "This needs a bearer token (Authorization: Bearer …)", {
      extensions: { code: "UNAUTHENTICATED" },
    });
  }
  if (!roles.includes(viewer.role)) {
    throw new GraphQLError(`This ${viewer.role} token may not do this; it needs ${roles.join(" or ")}`, { extensions: { code: "FORBIDDEN" } });
  }
}

/** type-graphql's @Authorized(roles) check, answering with the contract's codes (type-graphql's own say UNAUTHORIZED). */
export const authChecker: AuthChecker<{ viewer: Viewer }, Role> = ({ context }, roles) => {
  requireRole(context.viewer, ...roles);
  return true;
};
