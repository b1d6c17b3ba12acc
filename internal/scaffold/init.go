package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"text/template"
	"time"
	"unicode/utf8"

	"disclose/internal/notice"
	"disclose/internal/output"
	"disclose/internal/site"
)

// Site is what Init asks of a new site: the settings a user names first.
type Site struct {
	Title     string // the site's name
	BaseURL   string // where public/ will be published
	Publisher string // who runs the site; may be empty
}

// The site Init makes when told nothing: a title and a base URL to change
// before publishing, and no publisher.
const (
	DefaultTitle   = "巡视整改情况公开"
	DefaultBaseURL = "https://example.org/xszg/"
)

// ExampleSlug names Init's first draft: content/<year>/example.md.
const ExampleSlug = "example"

// gitignore is what a site's .gitignore must hold: the output, the build's
// spare beside it and what a killed build leaves (see internal/output).
var gitignore = []string{"public/", ".public.previous/", ".public.new-*/"}

// Init makes a new site in dir: content/site.toml with every setting
// explained, a first draft notice (a complete example, which check and build
// accept: a draft of Init's own making reports no error), and a .gitignore
// that keeps the output out of version control (added to one that exists).
// It refuses a folder that already holds a site, and writes nothing when the
// settings are not valid. It returns the paths it wrote, relative to dir.
func Init(dir string, s Site, now time.Time) ([]string, error) {
	settingsPath := filepath.Join(dir, filepath.FromSlash(site.SettingsPath))
	if _, err := os.Lstat(settingsPath); err == nil {
		return nil, fmt.Errorf("%s 已有网站 (%s 已存在), 不会覆盖: 直接在其中工作, 或换一个文件夹 (%s already holds a site: disclose init never overwrites one)",
			dir, site.SettingsPath, dir)
	}
	settings, err := settingsFile(s)
	if err != nil {
		return nil, err
	}
	example, year, err := exampleNotice(now)
	if err != nil {
		return nil, err
	}
	draftPath := filepath.Join(site.ContentDir, fmt.Sprint(year), ExampleSlug+".md")
	// The draft first, then the settings: a site folder is one with
	// site.toml, so a failure leaves no half-made site behind.
	var wrote []string
	for _, f := range []struct {
		rel  string
		data []byte
	}{{draftPath, example}, {filepath.FromSlash(site.SettingsPath), settings}} {
		err := output.CreateFile(filepath.Join(dir, f.rel), f.data)
		if errors.Is(err, fs.ErrExist) {
			err = fmt.Errorf("%s 已存在, 不会覆盖 (%s already exists: disclose init never overwrites a file)", f.rel, f.rel)
		}
		if err != nil {
			return wrote, err
		}
		wrote = append(wrote, f.rel)
	}
	changed, err := addIgnores(filepath.Join(dir, ".gitignore"))
	if changed {
		wrote = append(wrote, ".gitignore")
	}
	return wrote, err
}

// settingsFile is the content/site.toml of s, every setting explained;
// an error, saying what is wrong, when s's settings are not valid.
func settingsFile(s Site) ([]byte, error) {
	for _, v := range []string{s.Title, s.BaseURL, s.Publisher} {
		if !utf8.ValidString(v) {
			return nil, fmt.Errorf("%q 不是有效的 UTF-8 文字, 未写入任何文件 (not UTF-8 text; nothing was written)", v)
		}
	}
	var settings bytes.Buffer
	if err := settingsTemplate.Execute(&settings, map[string]string{
		"Title": notice.QuoteTOML(s.Title), "BaseURL": notice.QuoteTOML(s.BaseURL), "Publisher": notice.QuoteTOML(s.Publisher),
	}); err != nil {
		return nil, err
	}
	if _, problems := site.LoadSettings(fstest.MapFS{site.SettingsPath: {Data: settings.Bytes()}}); problems.HasErrors() {
		var msgs []string
		for _, d := range problems {
			msgs = append(msgs, d.Message)
		}
		return nil, fmt.Errorf("网站设置有误, 未写入任何文件 (the settings are not valid; nothing was written): %s", strings.Join(msgs, "; "))
	}
	return settings.Bytes(), nil
}

// addIgnores adds to the .gitignore at path the lines of gitignore it does
// not hold yet, making the file when there is none. It reports whether it
// changed the file.
func addIgnores(path string) (bool, error) {
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	var add bytes.Buffer
	if len(old) > 0 && !bytes.HasSuffix(old, []byte("\n")) {
		add.WriteByte('\n')
	}
	have := strings.Fields(string(old))
	missing := 0
	for _, line := range gitignore {
		if !slices.Contains(have, line) && !slices.Contains(have, "/"+line) {
			add.WriteString(line + "\n")
			missing++
		}
	}
	if missing == 0 {
		return false, nil
	}
	if len(old) == 0 {
		return true, output.WriteFile(path, append([]byte("# disclose: the built site and the build's working folders (生成的网站, 不纳入版本管理)\n"), add.Bytes()...))
	}
	return true, output.WriteFile(path, append(old, add.Bytes()...))
}

var settingsTemplate = template.Must(template.New("site.toml").Parse(`# 网站设置 (site settings), written by disclose init. 必填: title 和 base_url;
# 其余各项可以省略, 省略时取注释中的默认值 (every key but title and base_url
# is optional).

# 网站名称, 显示在每个页面和订阅中 (the site's name, on every page and in the feed).
title = {{.Title}}

# 网站发布后的地址, 可以带子路径: 每个链接都写在它下面。发布前请改为真实地址,
# 如 https://www.example.gov.cn/xszg/ (where public/ will be published; it may
# carry a sub-path, below which every link of the site is written).
base_url = {{.BaseURL}}

# 页面语言 (the language of the notices: the lang attribute of every page).
language = "zh-CN"

# 发布机构: 订阅的作者, 显示在每页页脚, 如 "某某县纪委监委" (who runs the site:
# the feed's author and the pages' footer).
publisher = {{.Publisher}}

# 通报中 , : ; ( ) 的写法, 通报未另行说明时: "full" 全角 (，：；) 或 "half" 半角 (,:;)
# (how notices write , : ; ( ) unless a notice says otherwise).
punctuation = "full"

# 为 true 时显示通报中的 HTML 代码, 否则按文字原样显示 (raw HTML in a notice is
# shown as text unless this is true).
unsafe_html = false

# 首页列出最新通报的篇数 (how many of the newest notices the home page lists).
home_notices = 10

# 联系方式: 通报未写 phone, mailbox, email 时使用。发布第一篇通报前请填写
# (the contact block of a notice that gives none of phone, mailbox or email:
# fill it in before the first notice is published).
[contact]
invitation = "欢迎广大干部群众对巡视整改落实情况进行监督。如有意见建议，请及时向我们反映。"
phone = ""     # 联系电话, 如 "0571-12345678"
mailbox = ""   # 邮政信箱 (通信地址)
email = ""     # 电子邮箱
`))

// exampleNotice is Init's first draft, dated now, and its year: a complete
// 整改情况通报 of an invented unit (示例厅), consistent in itself, so that
// check and build report no error in it, for an editor to read beside their
// own first notice and then delete. Its dates run back from now: the
// inspection ended 100 days before, the feedback came 60 days before.
func exampleNotice(now time.Time) ([]byte, int, error) {
	pub := now.In(notice.ChinaTime)
	day := time.Date(pub.Year(), pub.Month(), pub.Day(), 9, 0, 0, 0, notice.ChinaTime)
	feedback := day.AddDate(0, 0, -60)
	end := feedback.AddDate(0, 0, -40)
	start := end.AddDate(0, 0, -50)
	iso := func(t time.Time) string { return t.Format(time.DateOnly) }
	cn := func(t time.Time, after time.Time) string {
		if t.Year() == after.Year() {
			return fmt.Sprintf("%d月%d日", t.Month(), t.Day())
		}
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	}
	var buf bytes.Buffer
	err := exampleTemplate.Execute(&buf, map[string]string{
		"Date": day.Format("2006-01-02T15:04:05-07:00"), "Day": iso(day),
		"Start": iso(start), "End": iso(end), "Feedback": iso(feedback),
		"StartCN": fmt.Sprintf("%d年%d月%d日", start.Year(), start.Month(), start.Day()),
		"EndCN":   cn(end, start), "FeedbackCN": cn(feedback, end),
	})
	return buf.Bytes(), day.Year(), err
}

var exampleTemplate = template.Must(template.New("example.md").Parse(`+++
# disclose init 写的示例通报 (草稿): 写第一篇通报时对照它, 然后删除本文件。
# 新通报用 disclose new <年份>/<网址名> 开始, 已发布的通报用 disclose import 导入。
# An example notice written by disclose init, a draft: read it beside your
# first notice, then delete this file. Every key is explained in the files
# disclose new writes.
title = "中共示例厅党组关于巡视整改情况的通报（示例）"
date = {{.Date}}
source = "示例网站"
# 草稿不会发布; 预览 (disclose serve) 中显示并标明“草稿”。
draft = true

[inspection]
kind = "巡视"
group = "省委第一巡视组"
organization = "示例厅党组"
start = {{.Start}}
end = {{.End}}
feedback = {{.Feedback}}

[[statistics]]
label = "教育提醒"
value = 2
unit = "人"

[[statistics]]
label = "建立完善制度"
value = 3
unit = "项"

[contact]
invitation = "欢迎广大干部群众对巡视整改落实情况进行监督。如有意见建议，请及时向我们反映。"
mailbox = "示例省示例市示例路1号示例厅机关党委"
email = "example@example.org"

[signature]
organization = "中共示例厅党组"
date = {{.Day}}
+++

根据省委统一部署，{{.StartCN}}至{{.EndCN}}，省委第一巡视组对示例厅党组开展了巡视。{{.FeedbackCN}}，省委第一巡视组向示例厅党组反馈了巡视意见。按照巡视工作有关要求，现将巡视整改情况予以公布。

示例厅党组把巡视整改作为重大政治任务，成立巡视整改工作领导小组，针对反馈的2个方面问题，制定整改方案，逐条明确责任领导、责任处室和整改时限，确保各项整改任务落地见效。

在巡视整改工作中，教育提醒2人；建立完善制度3项。

## 一、关于“学习贯彻党的创新理论不够深入”问题的整改情况

（一）健全学习制度。修订党组理论学习中心组学习规则，制定年度学习计划，做到学习有计划、有检查、有记录。

（二）抓好学用结合。围绕主责主业开展专题调研，形成调研报告，推动学习成果转化为工作举措。

## 二、关于“落实全面从严治党责任有差距”问题的整改情况

（一）压实主体责任。制定党组落实全面从严治党主体责任清单，班子成员对分管领域干部开展谈心谈话，对苗头性问题及时提醒。

（二）完善制度机制。围绕财务管理、公务接待、选人用人建立完善制度，加强制度执行情况监督检查。

下一步，示例厅党组将坚持标准不降、力度不减，持续抓好后续整改工作。一是持续深化理论武装。二是持续压实管党治党责任。三是持续健全长效机制，巩固拓展巡视整改成果。
`))
