package main

import "flag"

var updateScripts = flag.Bool("update", false, "rewrite the test scripts' expected output")
