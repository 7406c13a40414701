// Command ferretdb runs FerretDB v1.24 (a MongoDB wire-protocol server) on its SQLite backend, for
// the MongoDB test suites of llmtwin. It embeds FerretDB's `ferretdb` package rather than
// installing FerretDB's own command, whose `go install` panics on a missing build version file.
// No authentication; telemetry is disabled by the embedded package.
//
// Usage: ferretdb -listen 127.0.0.1:0 -data DIR [-ready-file FILE] [-log FILE]
// When the listener is up, the MongoDB URI (with the real port) is written to -ready-file.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0: any free port)")
	data := flag.String("data", "", "directory of the SQLite databases (required)")
	readyFile := flag.String("ready-file", "", "file to write the MongoDB URI to once listening")
	logFile := flag.String("log", "", "log file (default: stderr, warnings only)")
	flag.Parse()
	if *data == "" {
		fmt.Fprintln(os.Stderr, "ferretdb: -data DIR is required")
		os.Exit(2)
	}
	dir, err := filepath.Abs(*data)
	if err != nil || os.MkdirAll(dir, 0o755) != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: cannot create data directory %q\n", *data)
		os.Exit(1)
	}

	logOut := os.Stderr
	level := slog.LevelWarn
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
			os.Exit(1)
		}
		defer f.Close()
		logOut, level = f, slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/",
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// MongoDBURI blocks until Run has bound the listener, so it tells us the real port.
	go func() {
		uri := f.MongoDBURI()
		fmt.Println(uri)
		if *readyFile != "" {
			tmp := *readyFile + ".tmp"
			if err := os.WriteFile(tmp, []byte(uri+"\n"), 0o644); err == nil {
				_ = os.Rename(tmp, *readyFile) // atomic: readers never see a partial URI
			}
		}
	}()

	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
