import { renderMarkdown } from "~/.server/markdown";

describe("user Markdown", () => {
  it("renders headings, emphasis, lists and tables", () => {
    const html = renderMarkdown("## 案情\n\n**张某**与李某\n\n- 一\n- 二\n\n| 项目 | 金额 |\n|---|---|\n| 医疗费 | 3000 |");
    expect(html).toContain("<h2>案情</h2>");
    expect(html).toContain("<strong>张某</strong>");
    expect(html).toContain("<li>一</li>");
    expect(html).toContain("<td>医疗费</td>");
  });

  it("never lets HTML or script links through", () => {
    const html = renderMarkdown(
      "<script>alert(1)</script> <img src=x onerror=alert(1)> [点我](javascript:alert(1)) [资料](data:text/html,<b>x</b>)",
    );
    expect(html).not.toMatch(/<script|<img|href="javascript:|href="data:/);
    expect(html).toContain("&lt;script&gt;");
  });
});
