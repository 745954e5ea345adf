import "reflect-metadata";
import { createToken, listTokens, revokeToken } from "../src/auth/tokens";
import { openDirectory } from "../src/boot";
import { loadConfig, Role } from "../src/config";

const USAGE = `usage:
  npm run token -- create --role organiser|admin --label NAME   prints a new token once
  npm run token -- list                                         labels, roles, dates (never secrets)
  npm run token -- revoke LABEL_OR_ID`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `npm run token`: tokens for the write side, stored as hashes in the configured database. */
async function main(args: string[]) {
  const { ds } = await openDirectory(loadConfig().database);
  try {
    switch (args[0]) {
      case "create": {
        const role = flag(args, "role") as Role;
        const label = flag(args, "label");
        if (!role || !label) throw new Error(USAGE);
        const { secret } = await createToken(ds, role, label);
        console.log(secret);
        console.error(`created ${role} token "${label}"; it is shown only this once`);
        break;
      }
      case "list":
        for (const t of await listTokens(ds)) {
          console.log([t.id, t.label, t.role, t.createdAt.toISOString(), t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : "live"].join("\t"));
        }
        break;
      case "revoke":
        if (!args[1]) throw new Error(USAGE);
        if (!(await revokeToken(ds, args[1]))) throw new Error(`no live token "${args[1]}"`);
        console.log(`revoked ${args[1]}`);
        break;
      default:
        throw new Error(USAGE);
    }
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
