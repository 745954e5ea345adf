import { setMaxListeners } from "events";
import type { ServerResponse } from "http";

/** Aborted if the response closes before it was sent whole: its client went away. */
export function abandonedSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  // Every slow read of the request listens while it runs and stops when it ends (the pool's
  // capacity bounds them); twenty aliased facets are more than the default ten of the leak warning.
  setMaxListeners(0, controller.signal);
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
