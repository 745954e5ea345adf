import { ASTNode, DocumentNode, Kind, OperationDefinitionNode, visit } from "graphql";
import { fragmentsOf } from "../services/lookahead";

/** graphql-js 16's start of a refused variable (coerceVariableValues): `Variable "$i" got invalid value …`. */
const VARIABLE = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" /;
const NAME = "[_A-Za-z][_0-9A-Za-z]*";

/**
 * The argument path a refused variable value fills, as `extensions.field` names it for every other
 * BAD_USER_INPUT: `$i` given as `input` with a bad `publishedOn` is `input.publishedOn`, whatever
 * the variable is called; `$d` in `input: { publishedOn: $d }` is the same; a list item is its index
 * (`ids.1`). graphql-js says where inside the variable the value is bad only in its message
 * (` at "i.publishedOn"`), and a missing or unknown input field only by name (`Field "name" of
 * required type …`). A variable used in several places is named by its first use. Null when the
 * message is not graphql-js's for a variable.
 */
export function variableField(message: string, document: DocumentNode, operation: OperationDefinitionNode): string | null {
  const variable = VARIABLE.exec(message)?.[1];
  if (!variable) return null;
  const inside = new RegExp(` at "${variable}((?:\\.${NAME}|\\[\\d+\\])*)"; (?:Field "(${NAME})" (?:of required type|is not defined by type))?`).exec(message);
  const within = inside ? [...inside[1].matchAll(new RegExp(`\\.(${NAME})|\\[(\\d+)\\]`, "g"))].map((m) => m[1] ?? m[2]) : [];
  const field =
    inside?.[2] ??
    new RegExp(`^Variable "\\$${variable}" got invalid value [^;]*?; Field "(${NAME})" (?:of required type|is not defined by type)`).exec(message)?.[1];
  return [...(argumentPathOf(variable, document, operation) ?? [variable]), ...within, ...(field ? [field] : [])].join(".");
}

/** Where `$variable` is first given in the operation (fragments it spreads followed): the argument, and the input fields and list items around it. */
function argumentPathOf(variable: string, document: DocumentNode, operation: OperationDefinitionNode): string[] | null {
  const fragments = fragmentsOf(document);
  const pending: ASTNode[] = [operation.selectionSet];
  const spread = new Set<string>();
  for (let i = 0; i < pending.length; i++) {
    let found: string[] | null = null;
    visit(pending[i], {
      FragmentSpread(node) {
        const fragment = fragments[node.name.value];
        if (fragment && !spread.has(node.name.value)) {
          spread.add(node.name.value);
          pending.push(fragment.selectionSet);
        }
      },
      Variable(node, _key, parent, path, ancestors) {
        if (found || node.name.value !== variable) return;
        const chain = [...ancestors, parent];
        found = [];
        chain.forEach((step, k) => {
          if (Array.isArray(step)) {
            // the items of a list value: the next key is the item's index
            if ((chain[k - 1] as ASTNode | undefined)?.kind === Kind.LIST) found!.push(String(path[k]));
          } else if ((step as ASTNode | undefined)?.kind === Kind.ARGUMENT || (step as ASTNode | undefined)?.kind === Kind.OBJECT_FIELD) {
            found!.push((step as { name: { value: string } }).name.value);
          }
        });
        return false;
      },
    });
    if (found) return found;
  }
  return null;
}
