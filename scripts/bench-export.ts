import "reflect-metadata";
import fs from "fs";
import net from "net";
import path from "path";
import { projectRoot } from "../src/config";
import { rssKb } from "../bench/harness/measure";
import { serverEnv, startProcess } from "../bench/harness/processes";
import { parseArgs, positiveInt } from "../bench/args";

/**
 * Memory under slow clients: `--clients` connections ask the compiled server for
 * /export/popolo.json and read nothing past the first bytes of the answer, for `--seconds`. Prints
 * the server's peak RSS (sampled every 100 ms, and the kernel's high-water mark for the process)
 * and how the clients were answered. The server runs as `npm start` runs it.
 *
 *   npm run bench:export -- --db /tmp/bench.sqlite [--clients 32] [--seconds 20]
 *
 * The database is one `npm run bench:data` built (100,000 people: a Popolo export of about 39 MB).
 */

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

interface SlowClient {
  socket: net.Socket;
  /** The answer's status, once its first bytes came; null while none did. */
  status: number | null;
  retryAfter: string | null;
}

/** Asks for the export and reads one chunk (the status line and headers), then stops reading. */
function slowClient(port: number): SlowClient {
  const client: SlowClient = { socket: net.connect(port, "127.0.0.1"), status: null, retryAfter: null };
  client.socket.on("error", () => undefined);
  client.socket.write("GET /export/popolo.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  client.socket.once("data", (chunk: Buffer) => {
    client.socket.pause();
    const head = chunk.toString("latin1");
    client.status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
    client.retryAfter = /\r\nretry-after: *([^\r]*)/i.exec(head)?.[1] ?? null;
  });
  return client;
}

function peakKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args.db !== "string") {
    console.error("usage: npm run bench:export -- --db FILE [--clients 32] [--seconds 20]");
    return 2;
  }
  const db = path.resolve(args.db);
  if (!fs.existsSync(db)) throw new Error(`${db} does not exist: build it with npm run bench:data`);
  const clients = positiveInt(args.clients, "clients", 32);
  const seconds = positiveInt(args.seconds, "seconds", 20);
  const server = await startProcess("server", path.join(projectRoot(), "dist", "src", "index.js"), serverEnv(db, true, false));
  const mb = (kb: number | null) => (kb === null ? "?" : (kb / 1024).toFixed(0));
  try {
    const pid = server.child.pid;
    await sleep(500);
    const idle = rssKb(pid);
    const slow = Array.from({ length: clients }, () => slowClient(server.port));
    let peak = idle ?? 0;
    const until = Date.now() + seconds * 1000;
    for (let tick = 1; Date.now() < until; tick++) {
      const rss = rssKb(pid);
      peak = Math.max(peak, rss ?? 0);
      if (tick % 50 === 0) console.log(`  ${tick / 10} s: RSS ${mb(rss)} MB`);
      await sleep(100);
    }
    const byStatus = new Map<string, number>();
    for (const c of slow) {
      const key = c.status === null ? "no answer yet" : `${c.status}${c.retryAfter ? ` (Retry-After: ${c.retryAfter})` : ""}`;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    }
    console.log(`${clients} clients asking for /export/popolo.json and not reading, for ${seconds} s, against ${db}`);
    console.log(`server RSS: idle ${mb(idle)} MB, peak while they waited ${mb(peak)} MB (sampled every 100 ms), process high-water mark ${mb(peakKb(pid))} MB`);
    console.log(`answers: ${[...byStatus].map(([k, n]) => `${n} × ${k}`).join(", ")}`);
    for (const c of slow) c.socket.destroy();
    return 0;
  } finally {
    await server.child.stop();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
