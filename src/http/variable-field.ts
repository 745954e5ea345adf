import { ASTNode, BREAK, DocumentNode, Kind, OperationDefinitionNode, visit, type SourceLocation } from "graphql";
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
        found = valuePath([...ancestors, parent], path);
        return false;
      },
    });
    if (found) return found;
  }
  return null;
}

/**
 * The argument, input fields and list items on the way from the document to a node, as `visit`
 * gives its ancestors (`chain`: nodes and the arrays holding them) and its path of keys.
 */
function valuePath(chain: readonly (ASTNode | readonly ASTNode[] | undefined)[], path: readonly (string | number)[]): string[] {
  const found: string[] = [];
  chain.forEach((step, k) => {
    if (Array.isArray(step)) {
      // the items of a list value: the next key is the item's index
      if ((chain[k - 1] as ASTNode | undefined)?.kind === Kind.LIST) found.push(String(path[k]));
    } else if ((step as ASTNode | undefined)?.kind === Kind.ARGUMENT || (step as ASTNode | undefined)?.kind === Kind.OBJECT_FIELD) {
      found.push((step as { name: { value: string } }).name.value);
    }
  });
  return found;
}

/** graphql-js 16's refusal of an input object that leaves out a required field, and of a field call without a required argument. */
const FIELD_LEFT_OUT = new RegExp(`^Field "${NAME}\\.(${NAME})" of required type `);
const ARGUMENT_LEFT_OUT = new RegExp(`^Field "${NAME}" argument "(${NAME})" of type `);

/**
 * The argument path of a value the document itself gives and validation refused, as
 * `extensions.field` names a refused variable's: a literal of the wrong type (`first: "many"` is
 * `first`), an input field no input type has (`filter.honour.salary`), one left out
 * (`input.name`), a list item (`ids.1`); a required argument left out is its name. graphql-js
 * locates such an error at the value, the input field or the object it refuses; null when the
 * error is located at nothing inside a field's argument (a directive's arguments are not the field's).
 */
export function literalField(message: string, locations: readonly SourceLocation[] | undefined, document: DocumentNode): string | null {
  const argument = ARGUMENT_LEFT_OUT.exec(message)?.[1];
  if (argument) return argument;
  const at = locations?.[0];
  if (!at) return null;
  let found: string[] | null = null;
  visit(document, {
    enter(node, _key, parent, path, ancestors) {
      // graphql-js locates an error at its node's first token, whose line and column the lexer kept.
      const token = node.loc?.startToken;
      if (token?.line !== at.line || token.column !== at.column) return;
      const chain = [...ancestors, parent, node];
      // An argument of a field (chain: the field, its arguments, the argument), not of a directive (`@include(if: …)`).
      const argument = chain.findIndex((step) => (step as ASTNode | undefined)?.kind === Kind.ARGUMENT);
      if (argument < 0 || (chain[argument - 2] as ASTNode | undefined)?.kind !== Kind.FIELD) return;
      found = valuePath(chain, [...path, ""]);
      const left = FIELD_LEFT_OUT.exec(message)?.[1];
      if (left && node.kind === Kind.OBJECT) found.push(left);
      return BREAK;
    },
  });
  return found ? (found as string[]).join(".") : null;
}
