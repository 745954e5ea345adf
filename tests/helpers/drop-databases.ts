import { dropCreatedDatabases } from "./database";

// jest.postgres.config.js runs this in every test file: the databases it made go with it.
// Generous: DROP DATABASE waits for the disk, and a busy CI machine makes that slow.
afterAll(dropCreatedDatabases, 120_000);
