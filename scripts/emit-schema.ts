import "reflect-metadata";
import fs from "fs";
import path from "path";
import { projectRoot } from "../src/config";
import { printedSchema } from "../src/schema";

/** `npm run schema`: writes schema/schema.graphql, the reviewable record of the public API. */
printedSchema().then(
  (sdl) => {
    const file = path.join(projectRoot(), "schema", "schema.graphql");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, sdl);
    console.log(`wrote ${path.relative(projectRoot(), file)}`);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
