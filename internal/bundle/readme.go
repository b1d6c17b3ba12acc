package bundle

import (
	"fmt"
	"strings"
	"time"
)

// readme writes README.txt: what the bundle is, what it holds, and how to
// check it, in Chinese, for whoever opens the ZIP years from now without
// disclose. It begins with a byte-order mark and ends its lines with CR LF,
// so that Windows Notepad of any age shows it right. It says nothing that
// is not in m, so it is the same whenever it is made.
func readme(m Manifest, name string) []byte {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("%s %d年巡视巡察整改情况通报 归档包 (第%d版)", m.Title, m.Year, m.Version)
	p("%s", strings.Repeat("=", 60))
	p("")
	p("一、这是什么")
	p("本归档包封存了网站 %s 在%d年发布的%d篇通报, 原样保存, 供长期存档和日后核对。", m.Site, m.Year, len(m.Notices))
	p("归档包文件名: %s", name)
	if m.Previous != nil {
		pr := m.Previous
		p("本版是第%d版, 重新封存并取代第%d版 (%s 封存, 文件 %s)。", m.Version, pr.Version, pr.Sealed, pr.File)
		p("第%d版的 manifest.json 的 SHA-256 为 %s,", pr.Version, pr.ManifestSHA256)
		p("其 ZIP 文件的 SHA-256 为 %s;", pr.SHA256)
		p("两版相连, 后一版记下前一版的校验值, 旧版不被覆盖。更正的内容和原因见各通报网页上的“更正说明”。")
	}
	p("")
	p("二、包内有什么")
	p("  README.txt     本说明。")
	p("  manifest.json  校验清单: 列出包内其他每个文件的大小和 SHA-256 校验值,")
	p("                 以及生成程序版本 (%s) 和源文件校验值。", m.Generator)
	p("  %s/          可离线浏览的网页。解压后用浏览器打开 %s/index.html 即可,", SiteDir, SiteDir)
	p("                 不需要联网, 也不需要服务器。")
	p("  %s/       生成这些网页的源文件: 网站设置和每篇通报的原文 (TOML + Markdown)。", SourcesDir)
	p("")
	p("三、收录的通报")
	for i, n := range m.Notices {
		p("%d. %s  %s", i+1, readmeDate(n.Date), n.Title)
		more := ""
		if n.Corrections > 0 {
			more = fmt.Sprintf(" (发布后更正%d次)", n.Corrections)
		}
		p("   网页: %s%s", n.Page, more)
		p("   原文: %s", n.Source)
	}
	p("")
	p("四、如何校验")
	p("1. 用 disclose 校验 (推荐): 运行")
	p("     disclose verify %s", name)
	p("   所有文件都与清单一致时显示“归档包完整”; 否则逐一列出缺少、被改动或多出的文件。")
	p("2. 不用 disclose 也可校验: 解压后, 对每个文件计算 SHA-256, 与 manifest.json 中的值逐一比对,")
	p("   大小也应一致, 包内也不应有清单以外的文件 (manifest.json 本身除外)。计算方法:")
	p("     Windows:      certutil -hashfile 文件名 SHA256")
	p("     macOS/Linux:  shasum -a 256 文件名")
	p("3. 清单本身是否被替换: 计算 manifest.json (以及整个 ZIP 文件) 的 SHA-256,")
	p("   与网站%d年页面“已封存归档”处或封存记录中公布的值比对。一致即证明本包自封存以来未被改动。", m.Year)
	p("")
	p("源文件校验值 (sources_sha256) 的算法: 按路径排序, 每个源文件写一行“SHA-256 两个空格 路径”")
	p("(即 sha256sum 的输出格式, 路径如 content/site.toml), 再对这些行计算 SHA-256。")
	return []byte("\uFEFF" + strings.ReplaceAll(b.String(), "\n", "\r\n"))
}

// readmeDate writes a notice's publication date as its page does: the day
// and time, or the day alone when the notice gives only the day.
func readmeDate(date string) string {
	if t, err := time.Parse(time.RFC3339, date); err == nil {
		return t.Format("2006-01-02 15:04")
	}
	return date
}
