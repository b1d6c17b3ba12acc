package preview

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"time"

	"disclose/internal/build"
	"disclose/internal/diag"
)

// slowBuild is how long a rebuild runs before the log says it is still
// running.
const slowBuild = time.Second

// rebuild builds the site again after the paths in changed changed (nil:
// the first build), publishes the result and prints what happened. It
// never stops the server: a build with errors keeps the last good files
// and shows its problems. It returns false, publishing nothing, when ctx
// was cancelled first: a newer save arrived, whose build reads changed
// too.
func (s *Server) rebuild(ctx context.Context, changed []string) bool {
	start := time.Now()
	if changed != nil {
		// Say so when a build takes long: a later save cancels it.
		slow := time.AfterFunc(slowBuild, func() {
			fmt.Fprintf(s.opts.Log, "%s 仍在构建, 保存新的修改会取消这次构建 (still building after a change of %s; a newer save cancels it)\n",
				time.Now().Format(time.TimeOnly), summarize(changed))
		})
		defer slow.Stop()
	}
	s.builder.Changed(changed...)
	files := map[string][]byte{}
	var mu sync.Mutex
	// Only the files that changed since the last good build, which is
	// what is served: not the thousands of pages that stayed the same.
	problems, ch, err := s.builder.RunChangesContext(ctx, func(p string, data []byte) error {
		mu.Lock()
		files[p] = data
		mu.Unlock()
		return nil
	})
	if ctx.Err() != nil && err != nil {
		why := "有更新的保存, 随即按最新内容重新构建"
		if !errors.Is(context.Cause(ctx), errNewerSave) {
			why = "预览正在停止"
		}
		fmt.Fprintf(s.opts.Log, "%s 已取消构建: %s (the build after a change of %s was cancelled after %v: %v)\n",
			time.Now().Format(time.TimeOnly), why, summarize(changed), round(time.Since(start)), context.Cause(ctx))
		return false
	}
	old := s.state.Load()
	s.builds++
	next := &state{version: fmt.Sprintf("%s-%d", s.epoch, s.builds), base: old.base, files: old.files, problems: problems}
	switch {
	case err == nil && ch.Whole:
		next.files, next.base = files, s.builder.Settings().BasePath()
	case err == nil:
		next.files, next.base = maps.Clone(old.files), s.builder.Settings().BasePath()
		for _, p := range ch.Gone {
			delete(next.files, p)
		}
		maps.Copy(next.files, files)
	case !errors.Is(err, build.ErrProblems):
		next.failure = err.Error()
	}
	if next.base == "" {
		next.base = "/"
	}
	if next.broken() {
		next.overlay = overlay(next)
	}
	// Print before publishing: whoever sees the new build sees its log.
	s.report(changed, next, time.Since(start))
	s.publish(next)
	return true
}

// report prints one build: when, what changed, how long it took, and every
// problem.
func (s *Server) report(changed []string, st *state, took time.Duration) {
	w := s.opts.Log
	zh, what := "构建", "built"
	if changed != nil {
		zh, what = "改动 "+summarize(changed)+" 后重新构建", "rebuilt after a change:"
	}
	stamp := time.Now().Format(time.TimeOnly)
	for _, d := range st.problems {
		fmt.Fprintln(w, d.Report())
	}
	switch {
	case st.failure != "":
		fmt.Fprintf(w, "%s %s失败 (用时 %v): %s; %s failed\n", stamp, zh, round(took), st.failure, what)
	case st.problems.Stops():
		fmt.Fprintf(w, "%s %s: 源文件有错误, 预览仍显示上次的结果; %s; %s the preview shows them over the last good build\n",
			stamp, zh, st.problems.Summary(), what)
	default:
		fmt.Fprintf(w, "%[1]s %[2]s完成: %[4]d 个文件 (重新生成 %[5]d 个), 用时 %[6]v%[7]s; %[3]s %[4]d files (%[5]d rendered anew)\n", stamp, zh, what, len(st.files),
			len(s.builder.Rendered()), round(took), warnings(st.problems))
	}
}

func summarize(paths []string) string {
	if len(paths) > 3 {
		return fmt.Sprintf("%s 等 %d 个文件", strings.Join(paths[:3], ", "), len(paths))
	}
	return strings.Join(paths, ", ")
}

func warnings(problems diag.List) string {
	if len(problems) == 0 {
		return ""
	}
	return ", " + problems.Summary()
}

func round(d time.Duration) time.Duration {
	if d < 10*time.Millisecond {
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Millisecond)
}
