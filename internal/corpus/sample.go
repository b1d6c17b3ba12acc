package corpus

// Sites made of the repository's sample notice, for tests that edit a
// served or built site by its known text: the sample notice copied many
// times over several years, each copy with its own slug, title and dates.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// SamplePath is the sample notice, relative to the repository.
const SamplePath = "content/2025/zhejiang-womens-federation.md"

// WriteSample makes a site in the folder dir with n notices, made from the
// sample site of the repository whose root is repo: content/site.toml is
// copied, and notice i goes to content/<year>/notice-<i>.md, perYear to a
// year counting down from 2025. It returns the notices' site-relative paths.
func WriteSample(dir, repo string, n, perYear int) ([]string, error) {
	settings, err := os.ReadFile(filepath.Join(repo, "content", "site.toml"))
	if err != nil {
		return nil, err
	}
	sample, err := os.ReadFile(filepath.Join(repo, SamplePath))
	if err != nil {
		return nil, err
	}
	if err := writeFile(dir, "content/site.toml", settings); err != nil {
		return nil, err
	}
	paths := make([]string, n)
	for i := range n {
		year := 2025 - i/perYear
		paths[i] = fmt.Sprintf("content/%d/notice-%05d.md", year, i)
		if err := writeFile(dir, paths[i], SampleNotice(sample, year, i)); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// SampleNotice returns the sample notice made into notice i of year: its
// title numbered, its inspection moved to the year before, and its
// publication to a day of September to November of year, a day apart from
// its neighbours, so that every date stays in order.
func SampleNotice(sample []byte, year, i int) []byte {
	day := fmt.Sprintf("%d-%02d-%02d", year, 9+i%3, 1+i%28)
	// One pass: a date moved is not moved again.
	s := strings.NewReplacer("2024-", fmt.Sprint(year-1, "-"), "2024年", fmt.Sprint(year-1, "年"),
		"2025-06-17", day, "2025年", fmt.Sprint(year, "年")).Replace(string(sample))
	s = strings.Replace(s, "情况的通报\"", fmt.Sprintf("情况的通报(%d)\"", i), 1)
	return []byte(s)
}
