package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"disclose/internal/scaffold"
)

// runInit is "disclose init [DIR]": a new site, and what to do next.
func runInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("init", "init [--title T] [--publisher NAME] [--base-url URL] [DIR]", stderr)
	title := fs.String("title", scaffold.DefaultTitle, "网站名称; the site's `name`")
	publisher := fs.String("publisher", "", "发布机构, 显示在页脚和订阅中, 如 某某县纪委监委; who runs the site: `NAME` as the pages' footer and the feed show it")
	baseURL := fs.String("base-url", scaffold.DefaultBaseURL, "网站发布后的地址, 含子路径; where the site will be published, with its sub-path: `URL`")
	if code, ok := parse(fs, args, -1); !ok {
		return code
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return exitUsage
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	wrote, err := scaffold.Init(dir, scaffold.Site{Title: *title, BaseURL: *baseURL, Publisher: *publisher}, time.Now())
	for _, p := range wrote {
		fmt.Fprintf(stdout, "已创建 (created) %s\n", filepath.Join(dir, p))
	}
	if err != nil {
		fmt.Fprintf(stderr, "disclose init: %v\n", err)
		return exitProblems
	}
	cd := ""
	if dir != "." {
		cd = fmt.Sprintf("  cd %s\n", dir)
	}
	fmt.Fprintf(stdout, `
下一步 (next steps):
%s  1. 编辑 content/site.toml: 网站名称 title, 发布地址 base_url, 发布机构 publisher,
     联系方式 [contact] (edit the settings: title, base_url, publisher, the contact block)
  2. disclose serve                 在浏览器中预览, 示例草稿 %s 也在其中
                                    (preview the site, the example draft included)
  3. disclose new %s/<网址名>      开始写一篇通报, 或 disclose import 通报.docx 导入已发布的通报
                                    (start a notice, or import a published one); 然后删除示例
                                    (then delete the example)
  4. disclose check                 检查所有通报 (proofread every notice)
  5. disclose build                 生成 public/, 按 docs/deploy.md 发布到网站服务器
                                    (build public/ and publish it as docs/deploy.md says)
`, cd, filepath.ToSlash(wrote[0]), filepath.Base(filepath.Dir(wrote[0])))
	return exitOK
}
