package main

import (
	"flag"
	"io"
	"slices"
	"testing"
)

func TestFlagsFirst(t *testing.T) {
	tests := []struct {
		args, flags, rest []string
	}{
		{[]string{"notice.txt", "--slug", "x"}, []string{"x"}, []string{"notice.txt"}},
		{[]string{"--slug=x", "notice.txt"}, []string{"x"}, []string{"notice.txt"}},
		{[]string{"notice.txt", "--force", "--out", "-"}, []string{"", "-"}, []string{"notice.txt"}},
		{[]string{"a", "--", "--slug", "b"}, []string{""}, []string{"a", "--slug", "b"}},
		{[]string{"-", "--slug", "x"}, []string{"x"}, []string{"-"}},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("import", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		slug := fs.String("slug", "", "")
		out := fs.String("out", "", "")
		fs.Bool("force", false, "")
		if err := fs.Parse(flagsFirst(fs, tt.args)); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if *slug != tt.flags[0] || (len(tt.flags) > 1 && *out != tt.flags[1]) {
			t.Errorf("%v: got slug %q out %q, want %v", tt.args, *slug, *out, tt.flags)
		}
		if !slices.Equal(fs.Args(), tt.rest) {
			t.Errorf("%v: got arguments %v, want %v", tt.args, fs.Args(), tt.rest)
		}
	}
}
