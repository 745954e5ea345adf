import type { GraphQLRequest, QuerySpec } from "./queries";

/**
 * The profile page and the 50-row delegates page (bench/queries.ts) asked of PostGraphile's
 * default schema (bench/postgraphile/server.js), as closely as it allows: relations are its
 * `…By<ForeignKey>` fields, lists are connections read through `nodes`, ids are the tables'
 * integers. Two differences it cannot express: a person's proposals go through the
 * proposal_author table, and the delegates page is a congress's seats in seat order (its schema
 * orders a table by its own columns only, not by the person's pinyin sort key as ours does).
 */
export const PEER_PROFILE = `query Profile($id: Int!) {
  personById(id: $id) {
    id name namePinyin gender biography yearsOfService
    organisationByEmployerId { id name kind organisationByParentId { id name } }
    positionsByPersonId { nodes { id title current yearFrom yearTo organisationByOrganisationId { id name } } }
    seatsByPersonId { nodes { id congressByCongressId { id name nameEn } delegation focus } }
    awardsByPersonId { nodes { id honourByHonourId { id name nameEn level category } yearFrom yearTo times repeated rank note } }
    proposalAuthorsByPersonId { nodes { proposalByProposalId { id title summary congressByCongressId { id name } } } }
  }
}`;

export const PEER_DELEGATES = `query DelegatesPage($congress: Int!, $first: Int!) {
  congressById(id: $congress) {
    seatsByCongressId(first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        personByPersonId {
          id name namePinyin
          organisationByEmployerId { id name }
          seatsByPersonId { nodes { delegation congressByCongressId { id name } } }
          awardsByPersonId { nodes { yearFrom yearTo honourByHonourId { id name level } } }
          proposalAuthorsByPersonId { nodes { proposalByProposalId { id title } } }
        }
      }
    }
  }
}`;

/** The integer behind one of our global ids ("Person:12" in base64). */
function localId(value: unknown): number {
  const m = /^[A-Za-z]+:(\d+)$/.exec(Buffer.from(String(value), "base64").toString("utf8"));
  if (!m) throw new Error(`not a global id: ${String(value)}`);
  return Number(m[1]);
}

/** The same requests (same people, same congresses, same page size) in PostGraphile's schema. */
export function peerSpec(spec: QuerySpec): QuerySpec {
  const requests: GraphQLRequest[] = spec.requests.map((req) => {
    const v = req.variables ?? {};
    if (spec.kind === "profile") return { query: PEER_PROFILE, operationName: "Profile", variables: { id: localId(v.id) } };
    if (spec.kind === "delegates")
      return { query: PEER_DELEGATES, operationName: "DelegatesPage", variables: { congress: localId(v.congress), first: v.first } };
    throw new Error(`PostGraphile is asked the profile and delegates pages only, not ${spec.kind}`);
  });
  return { kind: spec.kind, label: `${spec.label}, PostGraphile`, requests };
}

type Data = Record<string, any>;
const size = (connection: Data | null | undefined) => connection?.nodes?.length ?? 0;

/**
 * Whether PostGraphile's answer holds what ours does: for a profile the same person with as many
 * positions, seats, awards and proposals; for a delegates page the same total and page size.
 * Null when it does, else what differs.
 */
export function checkPeer(kind: "profile" | "delegates", ours: Data, theirs: Data): string | null {
  if (kind === "profile") {
    const a = ours.person;
    const b = theirs.personById;
    if (!a || !b) return `person ${a ? "present" : "null"} vs ${b ? "present" : "null"}`;
    const pairs: [string, unknown, unknown][] = [
      ["name", a.name, b.name],
      ["employer", a.employer?.name ?? null, b.organisationByEmployerId?.name ?? null],
      ["positions", a.positions.length, size(b.positionsByPersonId)],
      ["seats", a.seats.length, size(b.seatsByPersonId)],
      ["awards", a.awards.length, size(b.awardsByPersonId)],
      ["proposals", a.proposals.length, size(b.proposalAuthorsByPersonId)],
    ];
    const diff = pairs.find(([, x, y]) => x !== y);
    return diff ? `${diff[0]}: ${JSON.stringify(diff[1])} vs ${JSON.stringify(diff[2])}` : null;
  }
  const a = ours.delegates;
  const b = theirs.congressById?.seatsByCongressId;
  if (!b) return "no congress";
  if (a.totalCount !== b.totalCount) return `totalCount ${a.totalCount} vs ${b.totalCount}`;
  if (a.nodes.length !== b.nodes.length) return `${a.nodes.length} rows vs ${b.nodes.length}`;
  return null;
}
