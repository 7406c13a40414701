// fixture-server: the local HTTPS/HTTP server every llmtwin test talks to.
//
// It serves the saved pages listed in one or more MANIFEST.json files at their original URLs, for
// any host (routing is by Host header + path + query, so tests map real host names to it with
// curl's CONNECT_TO), over HTTPS (HTTP/2 via ALPN, HTTP/1.1 otherwise) and plain HTTP. At start it
// makes a throw-away test CA and issues a leaf certificate for every SNI name on the fly; the CA
// is written where --ca-out says so clients can trust it. A third port serves a certificate for
// the wrong host name. Fault endpoints live under the reserved host faults.test (see faultRoutes);
// robots.txt scenarios under *.robots.test; synthetic benchmark pages under bench.test.
//
// Stdlib only and Go 1.19 compatible (Debian 12's golang-go), so setup needs no module download.
package main

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ---------------------------------------------------------------------------------------------
// Manifest

type manifestEntry struct {
	File            string            `json:"file"`
	URL             string            `json:"url"`
	Type            string            `json:"type"`
	Status          int               `json:"status"`
	Headers         map[string]string `json:"headers"`
	ContentEncoding string            `json:"content_encoding"`
	Body            *string           `json:"body"` // inline body instead of a file
}

type manifest struct {
	Pages []manifestEntry `json:"pages"`
}

type page struct {
	entry   manifestEntry
	body    []byte
	etag    string
	modTime time.Time
}

// routeKey is host (lower case, no port) + path + ("?" + query when present).
func routeKey(host, path, query string) string {
	host = strings.ToLower(host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	key := host + path
	if query != "" {
		key += "?" + query
	}
	return key
}

func loadManifests(paths []string) (map[string]*page, error) {
	pages := map[string]*page{}
	for _, mpath := range paths {
		raw, err := os.ReadFile(mpath)
		if err != nil {
			return nil, err
		}
		var m manifest
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("%s: %v", mpath, err)
		}
		dir := filepath.Dir(mpath)
		for i, e := range m.Pages {
			var body []byte
			if e.Body != nil {
				body = []byte(*e.Body)
			} else {
				body, err = os.ReadFile(filepath.Join(dir, e.File))
				if err != nil {
					return nil, fmt.Errorf("%s: pages[%d]: %v", mpath, i, err)
				}
			}
			u, err := parseURL(e.URL)
			if err != nil {
				return nil, fmt.Errorf("%s: pages[%d]: bad url %q: %v", mpath, i, e.URL, err)
			}
			sum := sha256.Sum256(body)
			modTime := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
			pages[routeKey(u.host, u.path, u.query)] = &page{entry: e, body: body,
				etag: `"` + hex.EncodeToString(sum[:8]) + `"`, modTime: modTime}
		}
	}
	return pages, nil
}

type simpleURL struct{ host, path, query string }

func parseURL(s string) (simpleURL, error) {
	rest := s
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	} else {
		return simpleURL{}, fmt.Errorf("no scheme")
	}
	if i := strings.Index(rest, "#"); i >= 0 {
		rest = rest[:i]
	}
	host, pathq := rest, "/"
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		host, pathq = rest[:i], rest[i:]
		if strings.HasPrefix(pathq, "?") {
			pathq = "/" + pathq
		}
	}
	p, q := pathq, ""
	if i := strings.Index(pathq, "?"); i >= 0 {
		p, q = pathq[:i], pathq[i+1:]
	}
	return simpleURL{host: host, path: p, query: q}, nil
}

// ---------------------------------------------------------------------------------------------
// Certificates

type certAuthority struct {
	cert  *x509.Certificate
	key   *ecdsa.PrivateKey
	pem   []byte
	mu    sync.Mutex
	cache map[string]*tls.Certificate
}

func newCA() (*certAuthority, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "llmtwin test CA", Organization: []string{"llmtwin tests"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(7 * 24 * time.Hour),
		IsCA:                  true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &certAuthority{cert: cert, key: key, cache: map[string]*tls.Certificate{},
		pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}, nil
}

// leaf issues (once, then cached) a certificate for one host name or IP address.
func (ca *certAuthority) leaf(name string) (*tls.Certificate, error) {
	name = strings.ToLower(name)
	ca.mu.Lock()
	defer ca.mu.Unlock()
	if c, ok := ca.cache[name]; ok {
		return c, nil
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(7 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if ip := net.ParseIP(name); ip != nil {
		tmpl.IPAddresses = []net.IP{ip}
	} else {
		tmpl.DNSNames = []string{name}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return nil, err
	}
	c := &tls.Certificate{Certificate: [][]byte{der, ca.cert.Raw}, PrivateKey: key}
	ca.cache[name] = c
	return c, nil
}

// ---------------------------------------------------------------------------------------------
// Server state

type server struct {
	pages     map[string]*page
	mu        sync.Mutex
	hits      map[string]int // routeKey -> requests seen (every request, including faults)
	bombOnce  sync.Once
	bombGzip  []byte // gzip of bombSize zero bytes, made on first use
	benchBody []byte // the shared part of synthetic benchmark pages
	verbose   bool
}

const bombSize = 256 << 20

func (s *server) hit(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[key]++
	return s.hits[key]
}

func (s *server) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[key]
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := strings.ToLower(r.Host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	key := routeKey(host, r.URL.Path, r.URL.RawQuery)
	n := s.hit(key)
	if s.verbose {
		log.Printf("%s %s %s%s (%s, hit %d)", r.Proto, r.Method, host, r.URL.RequestURI(), r.UserAgent(), n)
	}
	switch {
	case host == "faults.test":
		s.serveFault(w, r, n)
		return
	case strings.HasSuffix(host, ".robots.test"):
		s.serveRobotsScenario(w, r, host)
		return
	case host == "bench.test":
		s.serveBench(w, r)
		return
	case isSynthRequest(host, r.URL.Path): // synthetic author sites for bench/run_all.sh (synth.go)
		s.serveSynth(w, r, host)
		return
	}
	if p, ok := s.pages[key]; ok {
		s.servePage(w, r, p)
		return
	}
	if p, ok := s.pages[routeKey(host, r.URL.Path, "")]; ok && r.URL.RawQuery != "" {
		s.servePage(w, r, p)
		return
	}
	if r.URL.Path == "/robots.txt" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "User-agent: *\nAllow: /\n")
		return
	}
	http.Error(w, "no fixture for "+host+r.URL.RequestURI(), http.StatusNotFound)
}

func (s *server) servePage(w http.ResponseWriter, r *http.Request, p *page) {
	h := w.Header()
	if p.entry.Type != "" {
		h.Set("Content-Type", p.entry.Type)
	}
	for k, v := range p.entry.Headers {
		h.Set(k, v)
	}
	if p.entry.ContentEncoding != "" {
		h.Set("Content-Encoding", p.entry.ContentEncoding)
		h.Set("Content-Length", strconv.Itoa(len(p.body)))
		status := p.entry.Status
		if status == 0 {
			status = 200
		}
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(p.body)
		}
		return
	}
	if p.entry.Status != 0 && p.entry.Status != 200 {
		h.Set("Content-Length", strconv.Itoa(len(p.body)))
		w.WriteHeader(p.entry.Status)
		if r.Method != http.MethodHead {
			w.Write(p.body)
		}
		return
	}
	if h.Get("ETag") == "" {
		h.Set("ETag", p.etag)
	}
	// ServeContent answers conditional requests (304) and HEAD.
	http.ServeContent(w, r, "", p.modTime, bytes.NewReader(p.body))
}

// ---------------------------------------------------------------------------------------------
// Fault endpoints (host faults.test). Query parameters are bounded so a typo cannot hang a test.

func intParam(r *http.Request, name string, def, max int) int {
	v, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil || v < 0 {
		return def
	}
	if v > max {
		return max
	}
	return v
}

func (s *server) serveFault(w http.ResponseWriter, r *http.Request, n int) {
	q := r.URL.Query()
	h := w.Header()
	switch r.URL.Path {
	case "/robots.txt":
		h.Set("Content-Type", "text/plain")
		io.WriteString(w, "User-agent: *\nAllow: /\n")
	case "/hits":
		// Requests seen for a URL (its host+path?query, or a full URL).
		target := q.Get("url")
		k := target
		if u, err := parseURL(target); err == nil {
			k = routeKey(u.host, u.path, u.query)
		}
		h.Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "%d", s.count(k))
	case "/ok", "/page":
		h.Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><title>ok</title><p>ok %s</p>", r.URL.RawQuery)
	case "/echo":
		// The request as the server saw it, for checking headers and the protocol.
		hdr := map[string]string{}
		for k, v := range r.Header {
			hdr[strings.ToLower(k)] = strings.Join(v, ", ")
		}
		h.Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]interface{}{"proto": r.Proto, "method": r.Method,
			"host": r.Host, "uri": r.URL.RequestURI(), "headers": hdr, "tls": r.TLS != nil})
	case "/status":
		// ?code=404: answers that status (with a small body).
		code := intParam(r, "code", 500, 599)
		if code < 100 {
			code = 500
		}
		h.Set("Content-Type", "text/plain")
		w.WriteHeader(code)
		fmt.Fprintf(w, "status %d", code)
	case "/flaky":
		// ?key=K&fail=N&code=500: the first N requests with this query answer `code`, then 200.
		fail := intParam(r, "fail", 1, 100)
		code := intParam(r, "code", 500, 599)
		if n <= fail {
			h.Set("Content-Type", "text/plain")
			w.WriteHeader(code)
			fmt.Fprintf(w, "failure %d of %d", n, fail)
			return
		}
		h.Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<p>ok after %d failures</p>", fail)
	case "/retry-after":
		// ?key=K&seconds=S[&date=1][&code=429][&fail=1]: the first `fail` requests answer `code`
		// with Retry-After (seconds, or an HTTP-date when date=1), then 200.
		fail := intParam(r, "fail", 1, 100)
		secs := intParam(r, "seconds", 1, 3600)
		code := intParam(r, "code", 429, 599)
		if n <= fail {
			if q.Get("date") == "1" {
				h.Set("Retry-After", time.Now().Add(time.Duration(secs)*time.Second).UTC().Format(http.TimeFormat))
			} else {
				h.Set("Retry-After", strconv.Itoa(secs))
			}
			w.WriteHeader(code)
			io.WriteString(w, "slow down")
			return
		}
		h.Set("Content-Type", "text/plain")
		io.WriteString(w, "ok after retry-after")
	case "/drip":
		// ?bytes=N&chunk=C&interval_ms=M: sends N bytes, C at a time, every M ms.
		total := intParam(r, "bytes", 1000, 10<<20)
		chunk := intParam(r, "chunk", 10, 1<<20)
		if chunk == 0 {
			chunk = 1
		}
		interval := time.Duration(intParam(r, "interval_ms", 100, 10000)) * time.Millisecond
		h.Set("Content-Type", "text/plain")
		h.Set("Content-Length", strconv.Itoa(total))
		w.WriteHeader(200)
		fl, _ := w.(http.Flusher)
		for sent := 0; sent < total; sent += chunk {
			c := chunk
			if total-sent < c {
				c = total - sent
			}
			if _, err := w.Write(bytes.Repeat([]byte("d"), c)); err != nil {
				return
			}
			if fl != nil {
				fl.Flush()
			}
			select {
			case <-r.Context().Done():
				return
			case <-time.After(interval):
			}
		}
	case "/stall":
		// ?ms=M[&headers=1]: waits M ms (at most 60 s) before answering; with headers=1 it sends
		// the headers first and stalls before the body.
		d := time.Duration(intParam(r, "ms", 10000, 60000)) * time.Millisecond
		if q.Get("headers") == "1" {
			h.Set("Content-Type", "text/plain")
			h.Set("Content-Length", "5")
			w.WriteHeader(200)
			if fl, ok := w.(http.Flusher); ok {
				fl.Flush()
			}
		}
		select {
		case <-r.Context().Done():
			return
		case <-time.After(d):
		}
		io.WriteString(w, "late\n")
	case "/huge":
		// ?bytes=N[&chunked=1]: a body of N bytes (default 64 MiB), with or without Content-Length.
		total := intParam(r, "bytes", 64<<20, 1<<30)
		h.Set("Content-Type", "text/plain")
		if q.Get("chunked") != "1" {
			h.Set("Content-Length", strconv.Itoa(total))
		}
		w.WriteHeader(200)
		block := bytes.Repeat([]byte("x"), 64<<10)
		for sent := 0; sent < total; sent += len(block) {
			c := len(block)
			if total-sent < c {
				c = total - sent
			}
			if _, err := w.Write(block[:c]); err != nil {
				return
			}
		}
	case "/gzip-bomb":
		// 256 MiB of zeros gzipped to ~250 KB, labelled text/html.
		s.bombOnce.Do(func() {
			var bomb bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
			zeros := make([]byte, 1<<20)
			for i := 0; i < bombSize>>20; i++ {
				zw.Write(zeros)
			}
			zw.Close()
			s.bombGzip = bomb.Bytes()
		})
		h.Set("Content-Type", "text/html")
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(s.bombGzip)))
		w.Write(s.bombGzip)
	case "/compressed":
		// ?enc=gzip|deflate|br: the same HTML page compressed with `enc` (whatever was accepted).
		body := []byte(strings.Repeat("<p>compressible llmtwin text, é ü 中文</p>\n", 200))
		enc := q.Get("enc")
		var out []byte
		switch enc {
		case "gzip":
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(body)
			zw.Close()
			out = b.Bytes()
		case "deflate":
			var b bytes.Buffer
			zw := zlib.NewWriter(&b)
			zw.Write(body)
			zw.Close()
			out = b.Bytes()
		case "br":
			out = brotliStored(body)
		default:
			http.Error(w, "enc must be gzip, deflate or br", 400)
			return
		}
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Encoding", enc)
		h.Set("X-Uncompressed-Length", strconv.Itoa(len(body)))
		h.Set("X-Accept-Encoding-Seen", r.Header.Get("Accept-Encoding"))
		h.Set("Content-Length", strconv.Itoa(len(out)))
		w.Write(out)
	case "/redirect":
		// ?to=URL&code=302: one redirect.
		code := intParam(r, "code", 302, 308)
		if code < 300 {
			code = 302
		}
		h.Set("Location", q.Get("to"))
		w.WriteHeader(code)
	case "/loop/a":
		h.Set("Location", "/loop/b?"+r.URL.RawQuery)
		w.WriteHeader(302)
	case "/loop/b":
		h.Set("Location", "/loop/a?"+r.URL.RawQuery)
		w.WriteHeader(301)
	case "/chain":
		// ?n=K[&key=..]: redirects K times (/chain?n=K-1...), then 200.
		k := intParam(r, "n", 3, 1000)
		if k == 0 {
			h.Set("Content-Type", "text/plain")
			io.WriteString(w, "end of chain")
			return
		}
		vals := r.URL.Query()
		vals.Set("n", strconv.Itoa(k-1))
		h.Set("Location", "/chain?"+vals.Encode())
		w.WriteHeader(302)
	case "/wrong-type":
		// An "article" URL that answers with a PNG image.
		h.Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"))
	case "/short":
		// ?declared=N&actual=M: Content-Length N but only M bytes, then the connection (or the
		// HTTP/2 stream) is cut.
		declared := intParam(r, "declared", 10000, 1<<30)
		actual := intParam(r, "actual", 100, 1<<30)
		h.Set("Content-Type", "text/plain")
		h.Set("Content-Length", strconv.Itoa(declared))
		w.WriteHeader(200)
		w.Write(bytes.Repeat([]byte("s"), actual))
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		panic(http.ErrAbortHandler)
	case "/etag":
		// ?key=K: a resource with a fixed ETag and Last-Modified that answers 304 to a matching
		// If-None-Match or a not-older If-Modified-Since.
		etag := `"v1-` + q.Get("key") + `"`
		mod := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
		h.Set("ETag", etag)
		h.Set("Last-Modified", mod.Format(http.TimeFormat))
		if inm := r.Header.Get("If-None-Match"); inm != "" {
			if inm == etag || inm == "*" {
				w.WriteHeader(304)
				return
			}
		} else if ims := r.Header.Get("If-Modified-Since"); ims != "" {
			if t, err := http.ParseTime(ims); err == nil && !mod.After(t) {
				w.WriteHeader(304)
				return
			}
		}
		h.Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<p>versioned content</p>")
	case "/charset":
		s.serveCharset(w, r)
	case "/headers":
		// ?name=value...: echoes each query parameter as a response header (for Header()).
		for k, v := range q {
			h.Set(k, strings.Join(v, ","))
		}
		io.WriteString(w, "headers set")
	default:
		http.Error(w, "unknown fault endpoint "+r.URL.Path, http.StatusNotFound)
	}
}

// serveCharset: ?case=...: the word "café" (and "naïve €") in a given encoding and labelling.
func (s *server) serveCharset(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	latin1 := "<html><head>%s<title>caf\xe9</title></head><body><p>na\xefve caf\xe9</p></body></html>"
	switch r.URL.Query().Get("case") {
	case "latin1-header":
		h.Set("Content-Type", "text/html; charset=ISO-8859-1")
		fmt.Fprintf(w, latin1, "")
	case "latin1-meta":
		h.Set("Content-Type", "text/html")
		fmt.Fprintf(w, latin1, `<meta charset="iso-8859-1">`)
	case "win1252-http-equiv":
		h.Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>caf\xe9</title></head><body><p>\x80 5</p></body></html>")
	case "utf16-bom":
		h.Set("Content-Type", "text/html")
		text := "<html><title>café</title><p>naïve</p></html>"
		out := []byte{0xFF, 0xFE}
		for _, c := range text {
			out = append(out, byte(c), byte(c>>8))
		}
		w.Write(out)
	case "utf8-bom":
		h.Set("Content-Type", "text/html")
		w.Write([]byte("\xEF\xBB\xBF<html><title>café</title></html>"))
	case "header-wins":
		// The header says UTF-8 and the page's meta says latin1: the header wins (HTML spec).
		h.Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><meta charset="iso-8859-1"><title>café</title></head></html>`))
	case "invalid-utf8":
		h.Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>ok \xff\xfe bad</p>"))
	default:
		http.Error(w, "unknown case", 404)
	}
}

// serveRobotsScenario: hosts under robots.test. Every path answers 200 except robots.txt, which
// depends on the first label: r404 (404: allow all), r500 (500: unavailable), rules (rules for
// the parser, see below), delay (Crawl-delay: 1), slow (robots.txt after 1 s), r403, redirect
// (robots.txt redirects to /real-robots.txt).
func (s *server) serveRobotsScenario(w http.ResponseWriter, r *http.Request, host string) {
	label := strings.TrimSuffix(host, ".robots.test")
	if i := strings.LastIndex(label, "."); i >= 0 {
		label = label[i+1:]
	}
	h := w.Header()
	if r.URL.Path == "/robots.txt" {
		h.Set("Content-Type", "text/plain")
		switch label {
		case "r404":
			http.Error(w, "no robots here", 404)
		case "r403":
			http.Error(w, "forbidden", 403)
		case "r500":
			http.Error(w, "robots broken", 500)
		case "rules":
			io.WriteString(w, "# test rules\nUser-agent: *\nDisallow: /\n\n"+
				"User-agent: llmtwin\nDisallow: /private\nAllow: /private/open\nDisallow: /*.pdf$\n")
		case "delay":
			io.WriteString(w, "User-agent: *\nCrawl-delay: 1\nAllow: /\n")
		case "bigdelay":
			io.WriteString(w, "User-agent: *\nCrawl-delay: 3600\n")
		case "slow":
			time.Sleep(time.Second)
			io.WriteString(w, "User-agent: *\nDisallow: /slow-private\n")
		case "redirect":
			h.Set("Location", "/real-robots.txt")
			w.WriteHeader(301)
		default:
			io.WriteString(w, "User-agent: *\nAllow: /\n")
		}
		return
	}
	if r.URL.Path == "/real-robots.txt" {
		h.Set("Content-Type", "text/plain")
		io.WriteString(w, "User-agent: *\nDisallow: /moved-private\n")
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<p>%s%s</p>", host, r.URL.RequestURI())
}

// serveBench: bench.test/page/<i>[?kb=K]: distinct synthetic HTML pages of about K KB (default 75).
func (s *server) serveBench(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		io.WriteString(w, "User-agent: *\nAllow: /\n")
		return
	}
	if !strings.HasPrefix(r.URL.Path, "/page/") {
		http.Error(w, "bench pages are /page/<i>", 404)
		return
	}
	id := strings.TrimPrefix(r.URL.Path, "/page/")
	kb := intParam(r, "kb", 75, len(s.benchBody)>>10)
	head := fmt.Sprintf("<!doctype html><html><head><meta charset=\"utf-8\"><title>Synthetic article %s</title>"+
		"<meta property=\"og:title\" content=\"Synthetic article %s\"></head><body><article><h1>Article %s</h1>\n", id, id, id)
	tail := "</article></body></html>\n"
	body := s.benchBody[:kb<<10]
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(head)+len(body)+len(tail)))
	io.WriteString(w, head)
	w.Write(body)
	io.WriteString(w, tail)
}

func makeBenchBody() []byte {
	words := strings.Fields("the model learns from an author's articles posts and code so that retrieval " +
		"augmented generation can ground answers in data engineering pipelines crawl extract load " +
		"warehouse feature training inference latency throughput vector embedding chunk prompt")
	var b bytes.Buffer
	seed := uint32(12345)
	for b.Len() < 1<<20 {
		b.WriteString("<p>")
		for i := 0; i < 60; i++ {
			seed = seed*1664525 + 1013904223
			b.WriteString(words[int(seed>>16)%len(words)])
			b.WriteByte(' ')
		}
		b.WriteString("</p>\n")
	}
	return b.Bytes()
}

// brotliStored encodes data as a valid brotli stream made of uncompressed meta-blocks (RFC 7932
// section 9.2), enough to prove that the client negotiates and decodes "br" without a brotli
// encoder in the Go standard library.
func brotliStored(data []byte) []byte {
	var out []byte
	var acc uint64
	nbits := uint(0)
	put := func(v uint64, n uint) {
		acc |= v << nbits
		nbits += n
		for nbits >= 8 {
			out = append(out, byte(acc))
			acc >>= 8
			nbits -= 8
		}
	}
	flushByte := func() {
		if nbits > 0 {
			put(0, 8-nbits)
		}
	}
	put(0, 1) // WBITS = 16
	for len(data) > 0 {
		n := len(data)
		if n > 65536 {
			n = 65536
		}
		put(0, 1)            // ISLAST = 0
		put(0, 2)            // MNIBBLES = 4
		put(uint64(n-1), 16) // MLEN - 1
		put(1, 1)            // ISUNCOMPRESSED
		flushByte()
		out = append(out, data[:n]...)
		data = data[n:]
	}
	put(1, 1) // ISLAST
	put(1, 1) // ISLASTEMPTY
	flushByte()
	return out
}

// ---------------------------------------------------------------------------------------------

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	var manifests multiFlag
	flag.Var(&manifests, "manifest", "MANIFEST.json to serve (repeatable; file paths relative to it)")
	httpsAddr := flag.String("https-addr", "127.0.0.1:0", "HTTPS listen address (port 0 = any free port)")
	httpAddr := flag.String("http-addr", "127.0.0.1:0", "plain HTTP listen address")
	badAddr := flag.String("badcert-addr", "127.0.0.1:0", "HTTPS address serving a certificate for the wrong host")
	caOut := flag.String("ca-out", "", "write the test CA certificate (PEM) here")
	envOut := flag.String("env-out", "", "when ready, write `export LLMTWIN_TEST_...=...` lines here (atomically)")
	verbose := flag.Bool("verbose", false, "log every request")
	watchPid := flag.Int("watch-pid", 0, "exit when this process is gone (the test that started the server)")
	flag.Parse()

	if *watchPid > 0 {
		go func() {
			for {
				time.Sleep(200 * time.Millisecond)
				if err := syscall.Kill(*watchPid, 0); err == syscall.ESRCH {
					os.Exit(0)
				}
			}
		}()
	}

	pages, err := loadManifests(manifests)
	if err != nil {
		log.Fatalf("fixture-server: %v", err)
	}
	ca, err := newCA()
	if err != nil {
		log.Fatalf("fixture-server: CA: %v", err)
	}
	caPath := *caOut
	if caPath == "" {
		dir, err := os.MkdirTemp("", "fixture-server-ca")
		if err != nil {
			log.Fatal(err)
		}
		caPath = filepath.Join(dir, "ca.pem")
	}
	if err := os.WriteFile(caPath, ca.pem, 0o644); err != nil {
		log.Fatalf("fixture-server: %v", err)
	}

	s := &server{pages: pages, hits: map[string]int{}, benchBody: makeBenchBody(), verbose: *verbose}
	errorLog := log.New(io.Discard, "", 0)
	if *verbose {
		errorLog = nil
	}

	tlsConf := &tls.Config{
		MinVersion: tls.VersionTLS12,
		GetCertificate: func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
			name := hello.ServerName
			if name == "" {
				name = "127.0.0.1"
			}
			return ca.leaf(name)
		},
	}
	httpsLn, err := net.Listen("tcp", *httpsAddr)
	if err != nil {
		log.Fatal(err)
	}
	httpLn, err := net.Listen("tcp", *httpAddr)
	if err != nil {
		log.Fatal(err)
	}
	badLn, err := net.Listen("tcp", *badAddr)
	if err != nil {
		log.Fatal(err)
	}
	wrong, err := ca.leaf("wrong-host.invalid")
	if err != nil {
		log.Fatal(err)
	}

	httpsSrv := &http.Server{Handler: s, TLSConfig: tlsConf, ErrorLog: errorLog, ReadHeaderTimeout: 30 * time.Second}
	httpSrv := &http.Server{Handler: s, ErrorLog: errorLog, ReadHeaderTimeout: 30 * time.Second}
	badSrv := &http.Server{Handler: s, ErrorLog: errorLog,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{*wrong}}}
	go func() { log.Fatal(httpsSrv.ServeTLS(httpsLn, "", "")) }()
	go func() { log.Fatal(httpSrv.Serve(httpLn)) }()
	go func() { log.Fatal(badSrv.ServeTLS(badLn, "", "")) }()

	port := func(ln net.Listener) int { return ln.Addr().(*net.TCPAddr).Port }
	keys := make([]string, 0, len(pages))
	for k := range pages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	env := fmt.Sprintf("export LLMTWIN_TEST_HTTPS_PORT=%d LLMTWIN_TEST_HTTP_PORT=%d LLMTWIN_TEST_BADCERT_PORT=%d LLMTWIN_TEST_CA=%s\n",
		port(httpsLn), port(httpLn), port(badLn), caPath)
	if *envOut != "" {
		tmp := *envOut + ".tmp"
		if err := os.WriteFile(tmp, []byte(env), 0o644); err != nil {
			log.Fatal(err)
		}
		if err := os.Rename(tmp, *envOut); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("fixture-server: %d pages; https=%d http=%d badcert=%d ca=%s\n", len(pages), port(httpsLn), port(httpLn), port(badLn), caPath)

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	<-sig
}
