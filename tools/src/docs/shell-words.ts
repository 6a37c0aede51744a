// The little of bash that documentation examples need, to read a curl command as bash would.

/** Shell variables for substitution, e.g. `{ PROFILE_URL: 'http://127.0.0.1:41234' }`. */
export type ShellVariables = Readonly<Record<string, string>>;

function lookup(name: string, variables: ShellVariables): string {
  const value = variables[name];
  if (value === undefined) throw new Error(`shell: the variable $${name} is not set`);
  return value;
}

// Reads `$NAME` or `${NAME}` at `text[i]` (the `$`); returns the value and the next index.
function expand(text: string, i: number, variables: ShellVariables): [string, number] {
  const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(i));
  const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
  const match = braced ?? plain;
  if (match?.[1] === undefined) {
    if (text[i + 1] === '(') throw new Error('shell: command substitution $(…) is not supported');
    return ['$', i + 1];
  }
  return [lookup(match[1], variables), i + match[0].length];
}

const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`']);

/**
 * Splits a shell command into words as bash would for the simple commands the docs hold:
 * single quotes (literal), double quotes (variables expanded, `\"` `\\` `\$` escapes),
 * backslash escapes, `$VAR` and `${VAR}`. Stops at an unquoted `|`, `;`, `&` or `>`
 * (what follows is not part of the curl command), and at a `#` that starts a word.
 * @throws Error for an unset variable, `$(…)` or an unterminated quote
 */
export function shellWords(command: string, variables: ShellVariables = {}): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const append = (text: string) => {
    word = (word ?? '') + text;
  };
  while (i < command.length) {
    const char = command[i] as string;
    if (char === '#' && word === undefined) {
      break;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i += 1;
    } else if ('|;&>'.includes(char)) {
      break;
    } else if (char === "'") {
      const end = command.indexOf("'", i + 1);
      if (end === -1) throw new Error('shell: unterminated single quote');
      append(command.slice(i + 1, end));
      i = end + 1;
    } else if (char === '"') {
      append('');
      i += 1;
      for (;;) {
        const c = command[i];
        if (c === undefined) throw new Error('shell: unterminated double quote');
        if (c === '"') break;
        if (c === '\\' && DOUBLE_QUOTE_ESCAPES.has(command[i + 1] ?? '')) {
          append(command[i + 1] as string);
          i += 2;
        } else if (c === '$') {
          const [value, next] = expand(command, i, variables);
          append(value);
          i = next;
        } else {
          append(c);
          i += 1;
        }
      }
      i += 1;
    } else if (char === '\\') {
      append(command[i + 1] ?? '');
      i += 2;
    } else if (char === '$') {
      const [value, next] = expand(command, i, variables);
      append(value);
      i = next;
    } else {
      append(char);
      i += 1;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
