package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"disclose/internal/corpus"
)

var (
	kills    = flag.Int("kills", 6, "how many builds TestKilledBuild kills (a longer run: -kills 200)")
	killSeed = flag.Uint64("kills.seed", 0, "the seed of TestKilledBuild's delays; 0: from the clock (the log says which)")
)

// TestKilledBuild kills real "disclose build" processes, built from this
// repository, with SIGKILL at random moments while they rebuild a small
// site whose sources go back and forth between two versions, and checks
// after each kill that the output folder is whole: file for file and byte
// for byte what a clean build of one of the two versions writes, never a
// mixture, never missing. Every few kills, and at the end, a build is let
// finish: it must give a clean build's bytes, whatever the killed builds
// left beside the output (leftovers, a spare, the record).
//
// It kills -kills builds (6 by default, 3 with -short); run it longer on
// demand: go test ./cmd/disclose -run TestKilledBuild -kills 200. A
// failure names the seed of the delays: -kills.seed N repeats them.
func TestKilledBuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a killed process keeps its folders open on Windows; the swap there is not atomic")
	}
	rounds := *kills
	if testing.Short() {
		rounds = min(rounds, 3)
	}
	seed := *killSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("delays from -kills.seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))

	bin := buildDisclose(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the build record, for the children
	versions := twoVersions(t)
	clean := make([]map[string][32]byte, 2)
	for i, v := range versions {
		src := filepath.Join(t.TempDir(), "site")
		writeVersion(t, src, v)
		out := filepath.Join(t.TempDir(), "public")
		buildTo(t, bin, src, out)
		clean[i] = tree(t, out)
	}

	// The site being rebuilt, and how long a build of it takes.
	src := filepath.Join(t.TempDir(), "site")
	out := filepath.Join(t.TempDir(), "www", "public")
	writeVersion(t, src, versions[0])
	buildTo(t, bin, src, out)
	var took time.Duration // of a rebuild after a change, the build killed
	for _, v := range []int{1, 0} {
		writeVersion(t, src, versions[v])
		start := time.Now()
		buildTo(t, bin, src, out)
		took += time.Since(start) / 2
	}
	t.Logf("a rebuild takes %v", took)

	v, midway := 0, 0
	defer func() { t.Logf("%d of %d builds killed before they ended", midway, rounds) }()
	for round := range rounds {
		v = 1 - v
		writeVersion(t, src, versions[v])
		delay := time.Duration(rng.Int64N(int64(took)*3/2 + 1))
		killed := killBuild(t, bin, src, out, delay)
		if killed {
			midway++
		}
		got := tree(t, out)
		if !sameTree(got, clean[0]) && !sameTree(got, clean[1]) {
			t.Fatalf("round %d (seed %d): killed after %v (killed: %v), the output is neither version's clean build: %s",
				round, seed, delay, killed, describe(got, clean[v]))
		}
		if round%4 == 3 || round == rounds-1 {
			buildTo(t, bin, src, out)
			if got := tree(t, out); !sameTree(got, clean[v]) {
				t.Fatalf("round %d (seed %d): the build after the kill is not a clean build: %s", round, seed, describe(got, clean[v]))
			}
		}
	}
}

// buildDisclose builds the disclose command of this repository.
func buildDisclose(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on the PATH to build disclose with")
	}
	bin := filepath.Join(t.TempDir(), "disclose")
	cmd := exec.Command(gobin, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// twoVersions returns two versions of a small site, as files by path: the
// second edits three notices, drops one and adds one.
func twoVersions(t *testing.T) [2]map[string][]byte {
	t.Helper()
	var v [2]map[string][]byte
	v[0] = map[string][]byte{}
	err := corpus.Files(corpus.Options{Notices: 24, Seed: 7, FirstYear: 2023, LastYear: 2025}, func(f corpus.File) error {
		v[0][f.Path] = f.Data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	v[1] = map[string][]byte{}
	edited, dropped := 0, false
	for p, data := range v[0] {
		switch {
		case !strings.HasSuffix(p, ".md"):
		case !dropped:
			dropped = true
			v[1][strings.TrimSuffix(p, ".md")+"-again.md"] = data // moved: another slug's pages
			continue
		case edited < 3 && bytes.Contains(data, []byte("研究部署整改工作")):
			edited++
			data = bytes.Replace(data, []byte("研究部署整改工作"), []byte("研究部署整改工作，并已完成"), 1)
		}
		v[1][p] = data
	}
	if edited == 0 {
		t.Fatal("no notice of the corpus has the sentence to edit")
	}
	return v
}

// writeVersion makes the site folder src hold exactly the files of v.
func writeVersion(t *testing.T, src string, v map[string][]byte) {
	t.Helper()
	for p, data := range v {
		full := filepath.Join(src, filepath.FromSlash(p))
		if old, err := os.ReadFile(full); err == nil && bytes.Equal(old, data) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if _, ok := v[filepath.ToSlash(rel)]; !ok {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// buildTo runs disclose build to the end.
func buildTo(t *testing.T, bin, src, out string) {
	t.Helper()
	if b, err := exec.Command(bin, "build", "--site", src, "--out", out).CombinedOutput(); err != nil {
		t.Fatalf("disclose build: %v\n%s", err, b)
	}
}

// killBuild starts disclose build and kills it (SIGKILL, which the process
// cannot catch) after delay; it says whether the build was still running.
func killBuild(t *testing.T, bin, src, out string, delay time.Duration) bool {
	t.Helper()
	cmd := exec.Command(bin, "build", "--site", src, "--out", out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("disclose build failed before it was killed: %v", err)
		}
		return false
	case <-time.After(delay):
	}
	// The build may end between the delay and the kill, and be waited
	// for first (both channels were ready, and select chose the delay):
	// then there is nothing left to kill, and it ended as a build does.
	if err := cmd.Process.Kill(); errors.Is(err, os.ErrProcessDone) {
		if err := <-done; err != nil {
			t.Fatalf("disclose build failed before it was killed: %v", err)
		}
		return false
	} else if err != nil {
		t.Fatal(err)
	}
	<-done
	return true
}

// tree reads the output folder dir: the digest of each file, by path.
func tree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	files := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			t.Errorf("%s is not a regular file", p)
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, sum := range a {
		if other, ok := b[p]; !ok || other != sum {
			return false
		}
	}
	return true
}

// describe says how got differs from want, in a few paths.
func describe(got, want map[string][32]byte) string {
	var diffs []string
	for p, sum := range want {
		if other, ok := got[p]; !ok {
			diffs = append(diffs, p+" missing")
		} else if other != sum {
			diffs = append(diffs, p+" differs")
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, p+" extra")
		}
	}
	if len(diffs) > 8 {
		diffs = append(diffs[:8], "…")
	}
	return strings.Join(diffs, ", ")
}
