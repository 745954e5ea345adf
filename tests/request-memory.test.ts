import express from "express";
import { createServer } from "http";
import { AddressInfo } from "net";
import { httpServerFor } from "../src/server";
import { startTestServer } from "./helpers/server";

/**
 * Express giving each request a prototype of its own kept every request's objects alive until
 * V8's next full collection (src/server.ts httpServerFor). These tests pin the fix.
 */

describe("requests born with Express's prototypes", () => {
  /** Calls of Object.setPrototypeOf during `fn` that changed an object's prototype. */
  async function prototypeChanges(fn: () => Promise<unknown>): Promise<number> {
    const original = Object.setPrototypeOf;
    let changes = 0;
    const spy = jest.spyOn(Object, "setPrototypeOf").mockImplementation((o: object, proto: object | null) => {
      if (Object.getPrototypeOf(o) !== proto) changes++;
      return original(o, proto);
    });
    try {
      await fn();
    } finally {
      spy.mockRestore();
    }
    return changes;
  }

  it("httpServerFor makes Express's per-request setPrototypeOf a no-op, and the app still works", async () => {
    const app = express();
    app.get("/x", (req, res) => res.json({ ip: req.ip !== undefined, path: req.path }));
    const listening = async (server: ReturnType<typeof createServer>) => {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    const ours = httpServerFor(app);
    // What app.listen does
    const plainServer = createServer(app);
    try {
      const url = await listening(ours);
      let body: unknown;
      expect(await prototypeChanges(async () => (body = await (await fetch(`${url}/x`)).json()))).toBe(0);
      expect(body).toEqual({ ip: true, path: "/x" });
      // The comparison: app.listen's requests each get a new prototype (request and response).
      const plainUrl = await listening(plainServer);
      expect(await prototypeChanges(() => fetch(`${plainUrl}/x`).then((r) => r.json()))).toBe(2);
    } finally {
      await new Promise((resolve) => ours.close(resolve));
      await new Promise((resolve) => plainServer.close(resolve));
    }
  });

  it("the directory's own server answers GraphQL that way", async () => {
    const server = await startTestServer();
    try {
      let answer: unknown;
      expect(await prototypeChanges(async () => (answer = await server.gql("{ __typename }")))).toBe(0);
      expect(answer).toMatchObject({ status: 200, data: { __typename: "Query" } });
    } finally {
      await server.close();
    }
  });
});
