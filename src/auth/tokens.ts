import { createHash, randomBytes } from "crypto";
import { DataSource } from "typeorm";
import type { Role } from "../config";
import { ApiToken } from "../entities";
import type { SqlReader } from "../db/reader";
import { ANONYMOUS, Viewer } from "./roles";

export const ROLES: Role[] = ["organiser", "admin"];

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The tokens of AUTH_TOKENS, by hash, labelled `env:<role>#<n>` for the audit trail. */
export function envTokens(tokens: Map<string, Role>): Map<string, { role: Role; label: string }> {
  const byHash = new Map<string, { role: Role; label: string }>();
  let n = 0;
  for (const [secret, role] of tokens) byHash.set(hashToken(secret), { role, label: `env:${role}#${++n}` });
  return byHash;
}

/** Resolves an Authorization header to a viewer: AUTH_TOKENS first, then live tokens in the database. */
export async function viewerFor(read: SqlReader, header: string | undefined, env: Map<string, { role: Role; label: string }>): Promise<Viewer> {
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { ...ANONYMOUS, tokenGiven: true };
  const hash = hashToken(match[1]);
  const fromEnv = env.get(hash);
  if (fromEnv) return { role: fromEnv.role, label: fromEnv.label, tokenGiven: true };
  const [stored] = await read.rows<Pick<ApiToken, "role" | "label">>(`SELECT "role", "label" FROM "api_token" WHERE "hash" = ? AND "revokedAt" IS NULL`, [
    hash,
  ]);
  if (stored && (ROLES as string[]).includes(stored.role)) return { role: stored.role as Role, label: stored.label, tokenGiven: true };
  return { ...ANONYMOUS, tokenGiven: true };
}

/** Makes a token; the secret is returned once and never stored. */
export async function createToken(ds: DataSource, role: Role, label: string): Promise<{ token: ApiToken; secret: string }> {
  if (!ROLES.includes(role)) throw new Error(`role must be one of ${ROLES.join(", ")}`);
  if (!/^[\w.@:-]{1,100}$/.test(label)) throw new Error("label: 1-100 letters, digits and . _ @ : -");
  const repo = ds.getRepository(ApiToken);
  if (await repo.findOneBy({ label })) throw new Error(`a token labelled "${label}" exists already`);
  const secret = `ddt_${randomBytes(32).toString("base64url")}`;
  const token = await repo.save(repo.create({ hash: hashToken(secret), role, label, revokedAt: null }));
  return { token, secret };
}

export async function listTokens(ds: DataSource): Promise<ApiToken[]> {
  return ds.getRepository(ApiToken).find({ order: { id: "ASC" } });
}

/** Revokes by label or numeric id; true if a live token was revoked. */
export async function revokeToken(ds: DataSource, labelOrId: string): Promise<boolean> {
  const repo = ds.getRepository(ApiToken);
  const token = /^\d+$/.test(labelOrId) ? await repo.findOneBy({ id: Number(labelOrId) }) : await repo.findOneBy({ label: labelOrId });
  if (!token || token.revokedAt) return false;
  token.revokedAt = new Date();
  await repo.save(token);
  return true;
}
