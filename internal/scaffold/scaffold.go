// Package scaffold starts a new notice: a draft whose front matter has every
// key, each with a comment saying what it holds, and whose body is the
// skeleton of a 整改情况通报. It sits at the top beside the build: it writes
// a source file and never touches the output.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	"disclose/internal/notice"
	"disclose/internal/output"
	"disclose/internal/site"
)

var yearRE = regexp.MustCompile(`^(?:19|20|21)[0-9][0-9]$`)

// New writes content/<year>/<slug>.md in siteDir for name "<year>/<slug>"
// and returns its path. It never overwrites a file. now dates the draft.
func New(siteDir, name string, now time.Time) (string, error) {
	y, slug, ok := strings.Cut(name, "/")
	if !ok || !yearRE.MatchString(y) || !notice.ValidSlug(slug) {
		return "", fmt.Errorf("名称 %[1]q 不是 年份/网址名 的格式, 请写如 2025/zjsfl-2025-06-17; %[2]s; %[1]q is not <year>/<slug>", name, notice.SlugHint)
	}
	if _, err := os.Stat(filepath.Join(siteDir, filepath.FromSlash(site.SettingsPath))); err != nil {
		return "", fmt.Errorf("%s 中没有 %s, 不是 disclose 网站: 先用 disclose init 建立网站, 或用 --site 指定网站文件夹 "+
			"(%s has no %s, so it is not a site: start one with disclose init, or name the site folder with --site)",
			siteDir, site.SettingsPath, siteDir, site.SettingsPath)
	}
	year, _ := strconv.Atoi(y)
	rel := filepath.Join(site.ContentDir, y, slug+".md")
	path := filepath.Join(siteDir, rel)
	var buf bytes.Buffer
	date := now.In(notice.ChinaTime)
	if date.Year() != year {
		date = time.Date(year, 1, 1, 9, 0, 0, 0, notice.ChinaTime)
	}
	if err := skeleton.Execute(&buf, struct{ Date, Day string }{date.Format("2006-01-02T15:04:00-07:00"), date.Format(time.DateOnly)}); err != nil {
		return "", err
	}
	err := output.CreateFile(path, buf.Bytes())
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%[1]s 已存在, disclose new 不会覆盖通报; %[1]s already exists; disclose new never overwrites a notice", rel)
	}
	if err != nil {
		return "", err
	}
	return rel, nil
}

var skeleton = template.Must(template.New("notice").Parse(`+++
# 标题, 照发布的原文; the notice's title as published.
title = ""
# 标题分行: 打印时标题自动在词与词之间换行 (关于之前, 最后一个的之后); 要在别处
# 换行, 在这里把标题分成几行, 每行至多 20 字, 合起来与标题一字不差;
# on paper the title breaks between words by itself; to break it elsewhere,
# cut it into lines here, each of at most 20 characters, together the title:
# title_lines = ["中共某某委员会", "关于巡察整改情况的通报"]
# 发布时间和来源网站, 显示在通报上方; 原文只写日期的, 只写日期 (date = 2025-06-17),
# 页面不显示时刻; shown at the top of the notice: a date alone shows no time.
date = {{.Date}}
source = ""
# 可以发布之前保持 true: 草稿不会被 disclose build 发布; drafts are left out of disclose build.
draft = true
# 正文标点: "full" 全角 (，：；) 或 "half" 半角 (,:;), 空则用网站设置; how the text writes , : ; ( ).
punctuation = ""

# 巡视或巡察: 谁巡视了谁, 何时 (日期写作 2024-03-18); who inspected whom, and when.
[inspection]
kind = "巡视"          # 巡视 (中央, 省委) or 巡察 (市委, 县委, 区委)
form = []              # 可选, 巡视(察)形式, 可写 "常规" "专项" "机动" "回头看" "提级" "交叉" "联动", 如 ["提级"]
group = ""             # 巡视组, 如 省委第六巡视组
organization = ""      # 被巡视单位, 如 省妇女联合会党组 (不写我县、我局, 写出名称)
round = ""             # 可选, 轮次: 十五届省委第五轮巡视
level = ""             # 可选, 层级: 中央、省、市 或 县
start = ""             # 巡视开始日期
end = ""               # 巡视结束日期
feedback = ""          # 反馈日期
# 一篇通报讲一轮巡察 (区委组建4个巡察组，对…等12个单位开展巡察) 的, group 和
# organization 留空, 在 [inspection] 下照原文写; a round told in one notice:
# groups = 4             # 巡察组数 (原文未写则不填)
# units = 12             # 被巡察单位数
# named = ["区教育局党组", "区卫生健康委员会党委"]   # 原文点名的单位

# 整改数据, 每个数字一个 [[statistics]], 与正文写法一致; one [[statistics]] per figure:
# 在巡视整改工作中,教育提醒4人;建立完善制度15项。
[[statistics]]
label = "教育提醒"
value = 0
unit = "人"

# 联系方式, 不写则用 content/site.toml 中的. 页面写作 联系方式：电话…；邮政信箱：…；
# 电子邮箱：…。 原文是别的句式的, 再加 text = "联系电话：…；通信地址：…；邮编：…。";
# leave it out to use the site's; text = "…" keeps a sentence as published.
[contact]
invitation = ""        # 欢迎广大干部群众对巡视整改落实情况进行监督。……
phone = ""
mailbox = ""           # 邮政信箱
email = ""

# 落款: 发文单位和成文日期; the issuing organisation and the date it signed.
[signature]
organization = ""
date = "{{.Day}}"

# 政府信息公开: 网站公开哪些项, 去掉哪些行前的 #; uncomment what the site publishes.
# [disclosure]
# index_number = ""    # 索引号
# document_number = "" # 文号
# publisher = ""       # 发布机构
# topic = ""           # 主题分类
# written_date = ""    # 成文日期
# method = ""          # 公开方式, 如 主动公开
# scope = ""           # 公开范围, 如 面向社会
# validity = ""        # 有效性, 如 有效
# name = ""            # 文件名称
+++

根据……统一部署，……年……月……日至……月……日，……巡视组对……开展了巡视。……月……日，……巡视组向……反馈了巡视意见。按照巡视工作有关要求，现将巡视整改情况予以公布。

……把巡视整改作为重大政治任务……针对反馈的……个方面问题……

在巡视整改工作中，……

## 一、关于“……”问题的整改情况

（一）……。……

## 二、关于“……”问题的整改情况

（一）……。……

下一步，……一是……二是……三是……
`))
