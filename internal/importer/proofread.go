package importer

import (
	"fmt"
	"strings"

	"disclose/internal/diag"
	"disclose/internal/load"
	"disclose/internal/site"
)

// proofread reads the source import wrote as every command reads a notice
// (load) and returns the errors found. A notice import would call complete
// must not then be refused by check and build: import and check read a notice alike, so
// a contradiction the text carries (a signing date before the feedback it
// answers) keeps the notice a draft, for the editor to settle.
func proofread(path string, source []byte) diag.List {
	// The site's settings are not known here; the notice's own front
	// matter is what import wrote, and what check then reads first.
	read, _ := load.NewReader(nil, nil, site.Options{Drafts: true}).Proofread(path, source, nil)
	var errs diag.List
	for _, d := range read.Problems {
		if d.Blocks() {
			errs = append(errs, d)
		}
	}
	return errs
}

// draftForErrors reports the errors found in the imported source as
// warnings of the input, named by the source's line, and says why the
// notice is written as a draft.
func draftForErrors(name string, errs diag.List, problems *diag.List) {
	var lines []string
	for _, d := range errs {
		lines = append(lines, fmt.Sprintf("第 %d 行: %s [%s]", d.Line, d.Message, d.Rule))
	}
	problems.Add(diag.Diagnostic{Path: name, Severity: diag.Warning, Rule: "draft",
		Message: fmt.Sprintf("导入的通报有 %d 处检查错误, 已保存为草稿: 核对原文并修正后将 draft 改为 false "+
			"(the imported notice has %d error(s) that check reports, so it is written as a draft): %s",
			len(errs), len(errs), strings.Join(lines, "; "))})
}
