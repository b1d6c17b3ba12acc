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
# 标题: the notice's title as published.
title = ""
# 标题分行: on paper the title breaks between words by itself (before 关于,
# after the last 的); to break it elsewhere, cut it into lines here, each of
# at most 20 characters and together the title exactly:
# title_lines = ["中共某某委员会", "关于巡察整改情况的通报"]
# 发布时间 and 来源网站: shown at the top of the notice. A notice that gives
# only the day writes the date alone (date = 2025-06-17): the page shows no time.
date = {{.Date}}
source = ""
# true until the notice may be published: drafts are left out of disclose build.
draft = true
# How the text writes , : ; ( ): "full" (，：；) or "half" (,:;). Empty: the site's setting.
punctuation = ""

# 巡视 or 巡察: who inspected whom, and when (dates as 2024-03-18).
[inspection]
kind = "巡视"          # 巡视 (中央, 省委) or 巡察 (市委, 县委, 区委)
form = []              # optional 巡视(察)形式, any of "常规" "专项" "机动" "回头看" "提级" "交叉" "联动", e.g. ["提级"]
group = ""             # 巡视组, e.g. 省委第六巡视组
organization = ""      # 被巡视单位, e.g. 省妇女联合会党组 (never 我县, 我局: write the name)
round = ""             # optional: 十五届省委第五轮巡视
level = ""             # optional: the level of the committee that inspects: 中央, 省, 市 or 县
start = ""             # 巡视开始日期
end = ""               # 巡视结束日期
feedback = ""          # 反馈日期
# A round told in one notice (区委组建4个巡察组，对…等12个单位开展巡察): leave group and
# organization empty and say what the text says instead, under [inspection]:
# groups = 4             # 巡察组数 (leave out when the text does not say)
# units = 12             # 被巡察单位数
# named = ["区教育局党组", "区卫生健康委员会党委"]   # the units the text names

# The statistics sentence, one [[statistics]] per figure, as the text states it:
# 在巡视整改工作中,教育提醒4人;建立完善制度15项。
[[statistics]]
label = "教育提醒"
value = 0
unit = "人"

# 联系方式. Leave it out to use the one in content/site.toml. The page writes
# it as 联系方式：电话…；邮政信箱：…；电子邮箱：…。 — to show a sentence of another
# shape as published, add text = "联系电话：…；通信地址：…；邮编：…。" too.
[contact]
invitation = ""        # 欢迎广大干部群众对巡视整改落实情况进行监督。……
phone = ""
mailbox = ""           # 邮政信箱
email = ""

# 落款: the issuing organisation and the date it signed (成文日期).
[signature]
organization = ""
date = "{{.Day}}"

# 政府信息公开: uncomment what the site publishes.
# [disclosure]
# index_number = ""    # 索引号
# document_number = "" # 文号
# publisher = ""       # 发布机构
# topic = ""           # 主题分类
# written_date = ""    # 成文日期
# method = ""          # 公开方式, e.g. 主动公开
# scope = ""           # 公开范围, e.g. 面向社会
# validity = ""        # 有效性, e.g. 有效
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
