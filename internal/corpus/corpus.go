// Package corpus writes synthetic notice sites for benchmarks: N notices
// shaped like the sample (an introduction with the inspection's dates, the
// statistics sentence, seven 一、 sections with (一) items, some with 1. and
// (1) sub-items, next steps, contact block, signature), spread over years,
// deterministic for a given seed. The front matter uses title and date under
// Hugo's names, so Hugo builds the same tree. It is a test and benchmark
// tool: nothing in the build imports it.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	"disclose/internal/numbering"
)

// Options says what to generate.
type Options struct {
	Notices   int    // how many notices
	Seed      uint64 // the same seed gives the same files
	FirstYear int    // notices are spread over FirstYear..LastYear
	LastYear  int
	// Tiny makes each notice a valid minimal one: its front matter and
	// a few short lines (some 1 KB), as in issue 15's report of a site
	// of 100,000 notices, where what a build keeps of each notice counts
	// for more than its text.
	Tiny bool
}

// Defaults returns options for n notices over 2015..2026.
func Defaults(n int) Options {
	return Options{Notices: n, Seed: 1, FirstYear: 2015, LastYear: 2026}
}

// File is one generated file, path relative to the site folder.
type File struct {
	Path string
	Data []byte
}

// Files generates the site's files in order: content/site.toml first.
func Files(opts Options, yield func(File) error) error {
	if err := yield(File{Path: "content/site.toml", Data: []byte(siteTOML)}); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))
	years := opts.LastYear - opts.FirstYear + 1
	for i := range opts.Notices {
		year := opts.FirstYear + i%years
		g := &generator{r: r, year: year, index: i}
		path := fmt.Sprintf("content/%d/notice-%06d.md", year, i)
		data := g.notice
		if opts.Tiny {
			data = g.tiny
		}
		if err := yield(File{Path: path, Data: data()}); err != nil {
			return err
		}
	}
	return nil
}

// Write generates the site into dir, which must not exist or be empty.
func Write(dir string, opts Options) error {
	return Files(opts, func(f File) error { return writeFile(dir, f.Path, f.Data) })
}

// MapFS generates the site in memory, for tests and benchmarks that load
// it from an fs.FS. Files fails only when its yield does, and this one
// does not.
func MapFS(opts Options) fstest.MapFS {
	fsys := fstest.MapFS{}
	Files(opts, func(f File) error {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data}
		return nil
	})
	return fsys
}

// writeFile writes data to the site-relative path in the folder dir,
// making the folders it needs.
func writeFile(dir, path string, data []byte) error {
	name := filepath.Join(dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

const siteTOML = `title = "巡视巡察整改情况公开"
base_url = "https://example.org/"
language = "zh-CN"
publisher = "基准测试"
[contact]
invitation = "欢迎广大干部群众对巡视整改落实情况进行监督。如有意见建议，请及时向我们反映。"
`

type generator struct {
	r     *rand.Rand
	year  int
	index int
	b     strings.Builder
}

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

// inspection is what a notice says of its inspection and publication.
type inspection struct {
	org, kind, group          string
	start, end, feedback, pub time.Time
}

// inspection draws a notice's inspection and publication date.
func (g *generator) inspection() inspection {
	in := inspection{org: g.pick(orgs), kind: "巡视", group: "省委第" + numbering.Chinese(1+g.r.IntN(12)) + "巡视组"}
	if g.r.IntN(3) == 0 {
		in.kind, in.group = "巡察", "市委第"+numbering.Chinese(1+g.r.IntN(8))+"巡察组"
	}
	in.start = time.Date(g.year-1, time.Month(1+g.r.IntN(6)), 1+g.r.IntN(28), 0, 0, 0, 0, time.UTC)
	in.end = in.start.AddDate(0, 2, 0)
	in.feedback = in.end.AddDate(0, 2, 0)
	in.pub = time.Date(g.year, time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), 9+g.r.IntN(8), 0, 0, 0, time.UTC)
	return in
}

// notice writes one notice: front matter, then about 16 KB of text.
func (g *generator) notice() []byte {
	in := g.inspection()
	org, kind, group, start, end, feedback, pub := in.org, in.kind, in.group, in.start, in.end, in.feedback, in.pub
	sections := 7
	educated, rules := 1+g.r.IntN(30), 1+g.r.IntN(40)

	fmt.Fprintf(&g.b, "+++\ntitle = \"中共%s党组关于%s整改进展情况的通报\"\n", org, kind)
	fmt.Fprintf(&g.b, "date = %sT%02d:00:00+08:00\n", pub.Format(time.DateOnly), pub.Hour())
	fmt.Fprintf(&g.b, "source = \"省纪委省监委网站\"\n\n[inspection]\nkind = \"%s\"\ngroup = \"%s\"\norganization = \"%s党组\"\n", kind, group, org)
	fmt.Fprintf(&g.b, "start = %s\nend = %s\nfeedback = %s\n\n", start.Format(time.DateOnly), end.Format(time.DateOnly), feedback.Format(time.DateOnly))
	fmt.Fprintf(&g.b, "[[statistics]]\nlabel = \"教育提醒\"\nvalue = %d\nunit = \"人\"\n\n[[statistics]]\nlabel = \"建立完善制度\"\nvalue = %d\nunit = \"项\"\n\n", educated, rules)
	fmt.Fprintf(&g.b, "[contact]\nphone = \"0571-8%07d\"\nmailbox = \"杭州市某某路%d号%s机关党委\"\nemail = \"xszg%d@example.org\"\n\n", g.index, 1+g.r.IntN(300), org, g.index)
	fmt.Fprintf(&g.b, "[signature]\norganization = \"中共%s党组\"\ndate = %s\n+++\n\n", org, pub.Format(time.DateOnly))

	fmt.Fprintf(&g.b, "根据省委统一部署，%d年%d月%d日至%d月%d日，%s对%s党组开展了%s。%d月%d日，%s向%s党组反馈了%s意见。按照%s工作有关要求，现将%s整改情况予以公布。\n\n",
		start.Year(), start.Month(), start.Day(), end.Month(), end.Day(), group, org, kind,
		feedback.Month(), feedback.Day(), group, org, kind, kind, kind)
	fmt.Fprintf(&g.b, "%s党组把%s整改作为重大政治任务。一是提高政治站位，强化思想认识。%s二是加强组织领导，压实整改责任。针对反馈的%d个方面问题，制定整改方案。%s三是强化闭环管理，狠抓整改落实。%s\n\n",
		org, kind, g.sentences(3), sections, g.sentences(3), g.sentences(3))
	fmt.Fprintf(&g.b, "在%s整改工作中，教育提醒%d人；建立完善制度%d项。\n\n", kind, educated, rules)
	for s := 1; s <= sections; s++ {
		g.section(s)
	}
	fmt.Fprintf(&g.b, "下一步，%s党组将持续抓好整改落实。一是着力推动整改常态长效。%s二是纵深推进全面从严治党。%s三是奋力推进事业高质量发展。%s\n", org, g.sentences(3), g.sentences(3), g.sentences(3))
	return []byte(g.b.String())
}

// tiny writes one minimal notice: the front matter of notice, without
// its statistics and with a short contact block, and three short
// paragraphs.
func (g *generator) tiny() []byte {
	in := g.inspection()
	org, kind, group, start, end, feedback, pub := in.org, in.kind, in.group, in.start, in.end, in.feedback, in.pub
	fmt.Fprintf(&g.b, "+++\ntitle = \"中共%s党组关于%s整改进展情况的通报\"\n", org, kind)
	fmt.Fprintf(&g.b, "date = %sT%02d:00:00+08:00\n", pub.Format(time.DateOnly), pub.Hour())
	fmt.Fprintf(&g.b, "source = \"省纪委省监委网站\"\n\n[inspection]\nkind = \"%s\"\ngroup = \"%s\"\norganization = \"%s党组\"\n", kind, group, org)
	fmt.Fprintf(&g.b, "start = %s\nend = %s\nfeedback = %s\n\n", start.Format(time.DateOnly), end.Format(time.DateOnly), feedback.Format(time.DateOnly))
	fmt.Fprintf(&g.b, "[contact]\nphone = \"0571-8%07d\"\nmailbox = \"杭州市某某路%d号%s机关党委\"\n\n", g.index, 1+g.r.IntN(300), org)
	fmt.Fprintf(&g.b, "[signature]\norganization = \"中共%s党组\"\ndate = %s\n+++\n\n", org, pub.Format(time.DateOnly))
	fmt.Fprintf(&g.b, "根据省委统一部署，%d年%d月%d日至%d月%d日，%s对%s党组开展了%s。%d月%d日，%s向%s党组反馈了%s意见。\n\n",
		start.Year(), start.Month(), start.Day(), end.Month(), end.Day(), group, org, kind,
		feedback.Month(), feedback.Day(), group, org, kind)
	fmt.Fprintf(&g.b, "%s\n\n", g.pick(sentences[:10])) // the last two have figures
	fmt.Fprintf(&g.b, "下一步，%s党组将持续抓好整改落实。\n", org)
	return []byte(g.b.String())
}

// section writes one 一、 section with its (一) items; every third item has
// 1. sub-items, and the first of those (1) sub-sub-items.
func (g *generator) section(s int) {
	fmt.Fprintf(&g.b, "## %s、关于“%s”问题的整改情况\n\n", numbering.Chinese(s), g.pick(problems))
	items := 2 + g.r.IntN(3)
	for i := 1; i <= items; i++ {
		fmt.Fprintf(&g.b, "（%s）%s。%s\n\n", numbering.Chinese(i), g.pick(leads), g.sentences(2+g.r.IntN(2)))
		if (s+i)%3 != 0 {
			continue
		}
		for k := 1; k <= 2; k++ {
			fmt.Fprintf(&g.b, "%d.%s。%s\n\n", k, g.pick(leads), g.sentences(2))
			if k == 1 {
				fmt.Fprintf(&g.b, "（1）%s。%s\n\n（2）%s。%s\n\n", g.pick(leads), g.sentences(1), g.pick(leads), g.sentences(1))
			}
		}
	}
}

func (g *generator) sentences(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(g.pick(sentences))
	}
	return b.String()
}

var orgs = []string{"省妇女联合会", "省财政厅", "省交通运输厅", "省农业农村厅", "省卫生健康委", "省文化和旅游厅",
	"省市场监管局", "省体育局", "省统计局", "省科学技术协会", "省总工会", "省供销合作社"}

var problems = []string{
	"学习贯彻习近平新时代中国特色社会主义思想不够深入",
	"围绕中心大局、履行职责使命还有差距",
	"深化改革不够持续有效",
	"抓作风建设从紧从严、一严到底不够",
	"一些重点领域监管不够有力",
	"履行干部人才队伍建设主体责任还有不足",
	"抓巡视整改持续发力不够，常态长效整改还不到位",
}

var leads = []string{"推进新型文化建设", "推动合法权益维护", "加强组织建设", "推动服务资源下沉基层",
	"加强内控管理", "加强数字化平台建设使用", "规范直属单位公款竞争性存放", "加强干部日常管理监督",
	"严格落实整改主体责任", "提升宣传引领工作质效"}

var sentences = []string{
	"深入学习习近平总书记关于巡视工作的重要论述和重要指示精神，研究部署整改工作。",
	"成立巡视整改工作领导小组，组建巡视整改工作专班和督查专班，切实履行牵头抓总、统筹协调、督促指导职责。",
	"逐条明确责任领导、责任部室（单位）和整改时限，形成问题清单、任务清单、责任清单、时间清单“四张清单”。",
	"整改工作实行销号管理，做到整改一个、销号一个，确保各项整改任务落地见效。",
	"修订《机关财务管理制度》，举办“预算绩效管理与实务”专题辅导，进一步增强资金使用管理的规范化水平。",
	"全面梳理全省市县两级配备情况，主动对接、积极争取相关部门支持，拓宽多元化选拔渠道。",
	"开展“和睦e家”应用运行状况专题调研，定期分类提取应用后台数据，提高使用实效。",
	"组织专题学习相关规定，加强思想认识，准确把握政策，严格按要求做好新一轮招标工作。",
	"推进机关与直属单位、直属单位之间干部轮岗交流，积极为干部成长盘活资源、创造条件。",
	"举办全省系统宣传工作暨网络新媒体培训班，提升干部防范化解风险的本领。",
	"已建立省市县三级服务点259个，提供咨询服务1.13万期，联合家访1700次，服务近2.2万人次。",
	"多维度宣传展示优秀典型的奋斗故事，激励广大干部群众学习身边榜样。",
}
