import "reflect-metadata";
import { createDataSource } from "../../ormconfig";
import { loadConfig } from "../config";

/** For the TypeORM CLI only (`npm run migration:generate -- src/db/sqlite/migrations/Name`); the app never imports it. */
export const AppDataSource = createDataSource(loadConfig().database);
