import { setMaxListeners } from "events";
import type { ServerResponse } from "http";

/**
 * The signal aborted if the response closes before it was sent whole (its client went away),
 * made when first asked for: most requests run no slow read, and an AbortController made for
 * every request cost more of the profile page's main thread than its loaders.
 */
export function abandonment(res: ServerResponse): () => AbortSignal {
  let controller: AbortController | undefined;
  const gone = () => res.destroyed && !res.writableFinished;
  res.once("close", () => {
    if (gone()) controller?.abort();
  });
  return () => {
    if (!controller) {
      controller = new AbortController();
      // Every slow read of the request listens while it runs and stops when it ends (the pool's
      // capacity bounds them); twenty aliased facets are more than the default ten of the leak warning.
      setMaxListeners(0, controller.signal);
      // The client may have gone before anyone asked, even before abandonment() was called.
      if (gone()) controller.abort();
    }
    return controller.signal;
  };
}
