// Package importer turns a notice that was already published, as plain text
// (UTF-8, GBK/GB18030 or UTF-16) or as a Word document (.docx, read by
// package docx), into a notice source file: TOML front matter holding what
// machines need, and a Markdown body holding the text exactly as published.
// It sits at the top of the import graph, beside the build: it writes a
// source file and never the site.
//
// The text is read as lines, each of which plays one role:
//
//	title        the notice's title, when the text has one (front matter title)
//	header       "2025-06-17 09:00 浙江省纪委省监委网站" (date, source)
//	disclosure   政府信息公开 lines: 索引号, 文号, 发布机构, 主题分类, 成文日期, 公开方式
//	body         everything else, numbering kept as written
//	contact      "…联系方式:电话…;邮政信箱:…;电子邮箱:…。" ([contact])
//	signature    the issuing organisation and the date written out ([signature])
//	chrome       what the web page printed around the notice: dropped
//
// The template writes the header, the contact line and the signature back
// from the front matter; a line is given one of those roles only when the
// template writes it back character for character, and otherwise stays in
// the body with a warning. The body is read, not consumed, for the
// inspection (巡视/巡察, group, organisation, dates) and the statistics
// sentence. Body lines are escaped so that Markdown shows every character as
// written: building the imported file gives back the notice's text.
package importer

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"disclose/internal/diag"
	"disclose/internal/docx"
	"disclose/internal/notice"
)

// Role is what a line of the input is.
type Role int

// The roles of a line.
const (
	Body Role = iota
	Title
	Header
	Disclosure
	Contact
	Signature
	Chrome // the web page's chrome (点击量：184, 【打印】): dropped
)

// Line is one line of the input and the role it was given.
type Line struct {
	Text   string
	No     int // 1-based line of a text file, or paragraph of a .docx
	Role   Role
	Joined bool       // a .docx line break: the line continues the paragraph before
	Table  [][]string // a .docx table (Text is empty): rows of cells
}

type line = Line

// Options says what the caller knows better than the text.
type Options struct {
	Slug string // the slug to use; empty: made from the organisation and the date
	// Taken reports whether a slug is in use in the year's folder; a
	// default slug that is gets a suffix (-2, -3 …). nil: none is.
	Taken func(year int, slug string) bool
}

// Result is an imported notice.
type Result struct {
	Source   []byte // the notice's source file: front matter and body
	Year     int    // the publication year: the file goes to content/<year>/; 0 when unknown or not 1900-2199
	Slug     string
	Title    string   // the title the page shows
	Encoding string   // the input's encoding, or "docx"
	Found    []string // what was recognised, one item each, for the report
	Dropped  []string // the lines dropped as page chrome; pieces cut from the header line are in the warnings
	Lines    []Line   // the input's lines and their roles
	Complete bool     // every required field was found: the notice is not a draft

	// Header is the header line as the page will write it, when the input
	// has one: it differs from the input's when the input writes it another
	// way (a warning says so).
	Header string
	fm     notice.FrontMatter
}

// File imports the notice in data, whose file name is name: a .docx when
// it is a zip archive, text otherwise. Diagnostics name the file as name.
func File(name string, data []byte, opts Options) (*Result, diag.List) {
	for _, f := range unsupported {
		if bytes.HasPrefix(data, []byte(f.magic)) {
			return nil, diag.List{{Path: name, Message: f.message, Rule: "format"}}
		}
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || strings.EqualFold(filepath.Ext(name), ".docx") {
		return Docx(name, data, opts)
	}
	return Text(name, data, opts)
}

// unsupported are the formats notices also come in that import does not
// read, known by their first bytes.
var unsupported = []struct{ magic, message string }{
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "这是旧版 Word (.doc) 或 WPS 文件: 请打开后另存为 .docx 再导入; an old Word document (.doc) or WPS file: open it and save it as .docx, then import that"},
	{"%PDF-", "PDF 文件无法导入: 请把文字复制到文本文件, 或导入生成它的 Word 文档; a PDF: copy its text into a text file, or import the Word document it was made from"},
}

// Text imports a plain-text notice.
func Text(name string, data []byte, opts Options) (*Result, diag.List) {
	var problems diag.List
	text, enc, bad := decode(name, data)
	if bad != nil {
		problems.Add(*bad)
		return nil, problems
	}
	if enc != UTF8 && utf8.Valid(data) {
		problems.Add(diag.Diagnostic{Path: name, Severity: diag.Warning, Rule: "encoding",
			Message: "文件按 GB18030/GBK 读取: 它也可按 UTF-8 读取, 但读出的不是中文, 请核对 (read as GB18030/GBK: the bytes are valid UTF-8 too, but as UTF-8 they are not Chinese text; check the result)"})
	}
	ls, trimmed := lines(name, text, &problems)
	if trimmed > 0 {
		problems.Add(diag.Diagnostic{Path: name, Severity: diag.Warning, Rule: "indent",
			Message: fmt.Sprintf("已去除 %[1]d 行首尾的空格, 页面会自行缩进段落; removed the spaces at the start or end of %[1]d line(s): the page indents paragraphs itself", trimmed)})
	}
	r := build(name, ls, opts, &problems, false)
	r.Encoding = enc
	if enc != UTF8 {
		r.Found = append([]string{"编码 (encoding): 已从 " + enc + " 转换为 UTF-8; " + enc + ", converted to UTF-8"}, r.Found...)
	}
	return r, problems.Sort()
}

// Docx imports a Word document.
func Docx(name string, data []byte, opts Options) (*Result, diag.List) {
	var problems diag.List
	doc, err := docx.Read(data)
	if err != nil {
		problems.Add(diag.Diagnostic{Path: name, Message: err.Error(), Rule: "docx"})
		return nil, problems
	}
	for _, w := range doc.Warnings {
		problems.Add(diag.Diagnostic{Path: name, Severity: diag.Warning, Message: w, Rule: "docx"})
	}
	r := build(name, docxLines(name, doc, &problems), opts, &problems, true)
	r.Encoding = "docx"
	return r, problems.Sort()
}

// build recognises the roles of ls and the front matter, and writes the
// source file.
func build(name string, ls []line, opts Options, problems *diag.List, isDocx bool) *Result {
	rc := &recogniser{name: name, lines: ls, problems: problems, docx: isDocx}
	rc.run()
	r := &Result{Lines: rc.withChrome(), Found: rc.found, fm: rc.fm, Header: rc.header, Title: rc.fm.Title, Dropped: rc.droppedText()}
	switch {
	case rc.fm.Date.Set():
		r.Year = rc.fm.Date.Year()
	case rc.fm.Signature.Date.Set():
		r.Year = rc.fm.Signature.Date.Year()
	}
	if r.Year < 1900 || r.Year > 2199 {
		r.Year = 0 // not a year a folder may have: the caller chooses one
	}
	r.Slug = opts.Slug
	if r.Slug == "" {
		r.Slug = rc.slug(r.Year, opts.Taken)
		r.Found = rc.found
	}
	missing := rc.missing()
	r.Complete = len(missing) == 0
	if !r.Complete {
		problems.Add(diag.Diagnostic{Path: name, Severity: diag.Warning, Rule: "draft",
			Message: fmt.Sprintf("部分必填项未能识别: %[1]s; 已保存为草稿 (draft = true), 填写后将 draft 改为 false; not recognised: %[1]s; the notice is written as a draft (draft = true): fill them in, then set draft = false", strings.Join(missing, ", "))})
	}
	r.Source = write(r.fm, !r.Complete, rc.lines, rc.notes)
	if r.Complete {
		if errs := proofread(fmt.Sprintf("content/%d/%s.md", r.Year, r.Slug), r.Source); len(errs) > 0 {
			draftForErrors(name, errs, problems)
			r.Complete = false
			r.Source = write(r.fm, true, rc.lines, rc.notes)
		}
	}
	return r
}
