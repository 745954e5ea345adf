/* global React, ReactDOM, GraphiQL */
// Runs in the browser: mounts GraphiQL against this server's own /graphql endpoint.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + "/graphql" });
  var defaultQuery = document.getElementById("default-query").textContent;
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, defaultEditorToolsVisibility: false }),
  );
})();
