import { poolOptions } from "../src/db/postgres/connection";

/*
 * How a PostgreSQL URL's `options` and PGOPTIONS join the pool's own session settings, and what is
 * left of the URL for the driver (tests/connection-options.postgres.test.ts connects with them).
 */

const OURS = "-c jit=off -c client_connection_check_interval=1000";
const pgOptions = process.env.PGOPTIONS;
beforeEach(() => delete process.env.PGOPTIONS);
afterAll(() => {
  if (pgOptions !== undefined) process.env.PGOPTIONS = pgOptions;
});

test.each([
  ["a URL without parameters", "postgres://u@h:5432/db", "postgres://u@h:5432/db", OURS],
  ["a URL with other parameters alone", "postgres://u@h/db?sslmode=disable&application_name=x", "postgres://u@h/db?sslmode=disable&application_name=x", OURS],
  [
    "options between other parameters",
    "postgres://u@h/db?sslmode=disable&options=-c%20statement_timeout%3D5s&application_name=x",
    "postgres://u@h/db?sslmode=disable&application_name=x",
    `${OURS} -c statement_timeout=5s`,
  ],
  // Kept as written: encoded again, the socket's path would be read as `%2Fvar%2F…` where the password has a bare %.
  [
    "a socket's path beside them, and a bare % in the password",
    "postgres://u:50%off@/db?host=/var/run/postgresql&options=-c%20jit%3Don",
    "postgres://u:50%off@/db?host=/var/run/postgresql",
    `${OURS} -c jit=on`,
  ],
  ["a + for a space", "postgres://u@h/db?options=-c+lock_timeout%3D1s", "postgres://u@h/db", `${OURS} -c lock_timeout=1s`],
  [
    "options given twice: the last, as the driver reads them",
    "postgres://u@h/db?options=-c%20a.b%3D1&options=-c%20a.b%3D2",
    "postgres://u@h/db",
    `${OURS} -c a.b=2`,
  ],
  ["a fragment, which the driver leaves out", "postgres://u@h/db?options=-c%20jit%3Don#note", "postgres://u@h/db", `${OURS} -c jit=on`],
])("%s", (_label, url, connectionString, options) => {
  expect(poolOptions(url, 1)).toMatchObject({ connectionString, options });
});

test("PGOPTIONS comes after the app's settings and before the URL's; the writer plans each statement anew", () => {
  process.env.PGOPTIONS = "-c lock_timeout=1234";
  expect(poolOptions("postgres://u@h/db?options=-c%20jit%3Don", 1, { writes: true }).options).toBe(
    `${OURS} -c plan_cache_mode=force_custom_plan -c lock_timeout=1234 -c jit=on`,
  );
  expect(poolOptions("postgres://u@h/db", 1).options).toBe(`${OURS} -c lock_timeout=1234`);
});
