// Package templates holds the default HTML templates and stylesheet, built
// into the binary so that a site without a templates/ folder still builds.
// A file of the same name in a site's templates/ folder overrides one here:
// a template file define by define (a define the site's file lacks is the
// one here), any other file whole.
package templates

import "embed"

// FS holds layout.html (the frame of every page), pager.html (what the
// lists share: a notice's line, the links between a list's pages), one
// template per kind of page (notice.html, year.html, home.html, 404.html,
// kind.html, browse.html for the rounds or the units, round.html,
// unit.html), style.css, modes.js, the small script that remembers the
// reading modes (大字版, 高对比度) between pages (the modes themselves work
// without it), and favicon.svg, the site's icon, which every page links so
// that no browser asks for a /favicon.ico the site does not have.
//
//go:embed *.html *.css *.js *.svg
var FS embed.FS
