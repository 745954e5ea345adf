import fs from "fs";
import path from "path";
import { SEEDS_DIR } from "../../seeds/loader";
import { tempDbFile } from "./server";

const NAME = "000_7c75388372cde64f";

/** The committed seed file, edited by `edit`, beside a copy of its report in a temp folder; returns the YAML's path. */
export function seedCopy(edit: (yaml: string) => string): string {
  const dir = fs.mkdtempSync(path.join(path.dirname(tempDbFile()), "seeds-"));
  fs.copyFileSync(path.join(SEEDS_DIR, `${NAME}.txt`), path.join(dir, `${NAME}.txt`));
  const file = path.join(dir, `${NAME}.yaml`);
  fs.writeFileSync(file, edit(fs.readFileSync(path.join(SEEDS_DIR, `${NAME}.yaml`), "utf8")));
  return file;
}

/** The YAML without the entry under `key` (a person, organisation … at two spaces' indent), up to the next entry or section. */
export function withoutEntry(yaml: string, key: string): string {
  const edited = yaml.replace(new RegExp(`\\n  ${key}:\\n(?:(?:    |\\s*#).*\\n|\\s*\\n)*`), "\n");
  if (edited === yaml) throw new Error(`no entry ${key} in the seed file`);
  return edited;
}

/** The YAML without the statistics it gives for the organisation under `org` (so that the organisation can go too). */
export function withoutStatisticsOf(yaml: string, org: string): string {
  const edited = yaml.replace(new RegExp(`^  [a-z0-9-]+:\\n    organisation: ${org}\\n(?:    .*\\n)*`, "gm"), "");
  if (edited === yaml) throw new Error(`no statistics of ${org} in the seed file`);
  return edited;
}
