import type { ServerResponse } from "http";

/** Aborted if the response closes before it was sent whole: its client went away. */
export function abandonedSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
