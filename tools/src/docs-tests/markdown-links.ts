/**
 * Finds the links of Markdown files and checks that relative ones resolve: the file or
 * directory exists and a `#fragment` names a heading of the target (GitHub's anchor rules).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** One link as written. */
export interface MarkdownLink {
  target: string;
  /** 1-based line number. */
  line: number;
}

/** A link that does not resolve, and why. */
export interface BrokenLink {
  file: string;
  line: number;
  target: string;
  reason: string;
}

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const INLINE_LINK = /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/;

// Lines outside fenced code blocks, with inline code spans blanked out.
function proseLines(markdown: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, index) => {
    if (FENCE.test(text)) {
      fenced = !fenced;
      return;
    }
    if (!fenced)
      lines.push({ text: text.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length)), line: index + 1 });
  });
  return lines;
}

/** The links of a Markdown document: inline links, images and reference definitions. */
export function extractLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { text, line } of proseLines(markdown)) {
    const definition = REFERENCE_DEFINITION.exec(text);
    if (definition) {
      links.push({ target: definition[1]!, line });
      continue;
    }
    for (const match of text.matchAll(INLINE_LINK)) links.push({ target: match[1]!, line });
  }
  return links;
}

/** GitHub's anchor of a heading's text: lowercase, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '');
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a document offers: its headings' slugs, repeats numbered `-1`, `-2`… */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const text of markdown.split('\n')) {
    if (FENCE.test(text)) fenced = !fenced;
    const heading = fenced ? null : HEADING.exec(text);
    if (!heading) continue;
    const slug = headingSlug(heading[2]!);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/** Checks the relative links of one file; external links (http:, mailto:) are not fetched. */
export function checkFileLinks(file: string): BrokenLink[] {
  const markdown = readFileSync(file, 'utf8');
  const broken: BrokenLink[] = [];
  for (const { target, line } of extractLinks(markdown)) {
    if (isExternal(target)) continue;
    const hashAt = target.indexOf('#');
    const pathPart = decodeURI(hashAt === -1 ? target : target.slice(0, hashAt));
    const fragment = hashAt === -1 ? undefined : decodeURIComponent(target.slice(hashAt + 1));
    const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), pathPart);
    const fail = (reason: string) => broken.push({ file, line, target, reason });
    if (!existsSync(resolved)) {
      fail('no such file or directory');
      continue;
    }
    if (fragment === undefined) continue;
    if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
      fail('an anchor into something that is not a Markdown file');
    } else if (!headingAnchors(readFileSync(resolved, 'utf8')).has(fragment)) {
      fail(`no heading with anchor #${fragment}`);
    }
  }
  return broken;
}
