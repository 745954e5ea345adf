import { dropCreatedDatabases } from "./database";

// jest.postgres.config.js runs this in every test file: the databases it made go with it.
afterAll(dropCreatedDatabases);
