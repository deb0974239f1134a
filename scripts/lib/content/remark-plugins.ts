import type { Root } from "mdast";
import { SECTION_COMPONENTS, type TocEntry } from "../../../app/lib/course";
import type { LawTable } from "./law-table";

type JsxAttribute = { type: "mdxJsxAttribute"; name: string; value: unknown };
type JsxNode = { type: "mdxJsxFlowElement" | "mdxJsxTextElement"; name: string | null; attributes: JsxAttribute[]; children: unknown[] };
type AnyNode = { type: string; children?: AnyNode[]; depth?: number; value?: string; data?: Record<string, unknown> };

const attr = (node: JsxNode, name: string) => {
  const found = node.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === name);
  return typeof found?.value === "string" ? found.value : undefined;
};
const setAttr = (node: JsxNode, name: string, value: string) => {
  node.attributes = node.attributes.filter((a) => a.name !== name);
  node.attributes.push({ type: "mdxJsxAttribute", name, value });
};
const textOf = (node: AnyNode): string => (node.value ?? "") + (node.children ?? []).map(textOf).join("");

function walk(node: AnyNode, visit: (node: AnyNode) => void) {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/**
 * Fills every <LawRef law article /> with the article's text and the statute's full title from
 * content/law/articles.json; an unknown article fails the build with the file and the citation.
 */
export function remarkLawRefs(table: LawTable, file: string) {
  return () => (tree: Root) => {
    walk(tree as unknown as AnyNode, (node) => {
      const jsx = node as unknown as JsxNode;
      if ((jsx.type !== "mdxJsxFlowElement" && jsx.type !== "mdxJsxTextElement") || jsx.name !== "LawRef") return;
      const law = attr(jsx, "law");
      const article = attr(jsx, "article");
      const statute = law ? table[law] : undefined;
      const text = statute && article ? statute.articles[article] : undefined;
      if (!statute || !text) {
        throw new Error(`${file}: <LawRef law="${law}" article="${article}" /> is not in content/law/articles.json`);
      }
      setAttr(jsx, "text", text);
      setAttr(jsx, "title", statute.title);
    });
  };
}

/**
 * Gives each top-level `##` heading and case-study block an id, and records them in order as the
 * lesson's table of contents.
 */
export function remarkToc(toc: TocEntry[]) {
  return () => (tree: Root) => {
    let n = 0;
    for (const node of (tree as unknown as AnyNode).children ?? []) {
      if (node.type === "heading" && node.depth === 2) {
        const id = `s${++n}`;
        node.data = { ...(node.data ?? {}), hProperties: { id } };
        toc.push({ id, text: textOf(node) });
      } else if (node.type === "mdxJsxFlowElement") {
        const jsx = node as unknown as JsxNode;
        const section = SECTION_COMPONENTS.find((name) => name === jsx.name);
        if (!section) continue;
        const id = `s${++n}`;
        setAttr(jsx, "id", id);
        toc.push({ id, section });
      }
    }
  };
}
