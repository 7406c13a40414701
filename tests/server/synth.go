// Synthetic author sites for the benchmarks (bench/run_all.sh): N authors × M posts of realistic
// size (10-200 KB of HTML), shaped like the saved fixtures so each goes through the crawler a real
// link would take:
//
//	Substack  https://synth-a<A>.substack.com/p/<slug>          page (.available-content .body.markup)
//	          https://synth-a<A>.substack.com/api/v1/posts/<slug> the post API (JSON with body_html)
//	Medium    https://medium.com/@synth-a<A>/<slug>-<12 hex>    2022 markup (p.pw-post-body-paragraph)
//	blog      https://synth-a<A>.blog.test/<yyyy>/<mm>/<slug>/  WordPress markup (.entry-content)
//
// Post P of author A lives on platform (A+P) mod 3. `synth.test/links?authors=N&posts=M` lists
// every link, one a line (the single source of truth for the link list). Everything is a pure
// function of (A, P): the same request always gets the same bytes, on any machine (seeded
// splitmix64, no map iteration, no clock). A page is ~60 % article text and ~40 % boilerplate
// (head scripts and styles, navigation, share bars, related posts, comments, footer), so whole-page
// text and main-content extraction differ as they do on real sites. Sizes are log-uniform in
// [10, 200] KB (median ~45 KB, mean ~63 KB).
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

const (
	synthMinKB = 10
	synthMaxKB = 200
	// Bounds of the link list (a typo cannot ask for a billion links).
	synthMaxAuthors = 100000
	synthMaxPosts   = 100000
	synthMaxLinks   = 1000000
)

// isSynthRequest: hosts and paths served by serveSynth.
func isSynthRequest(host, path string) bool {
	return host == "synth.test" || (strings.HasPrefix(host, "synth-a") &&
		(strings.HasSuffix(host, ".substack.com") || strings.HasSuffix(host, ".blog.test"))) ||
		(host == "medium.com" && strings.HasPrefix(path, "/@synth-a"))
}

// synthRNG: splitmix64, seeded per page.
type synthRNG struct{ state uint64 }

func newSynthRNG(author, post int, salt uint64) *synthRNG {
	return &synthRNG{state: uint64(author)*0x9E3779B97F4A7C15 ^ uint64(post)*0xBF58476D1CE4E5B9 ^ salt*0x94D049BB133111EB}
}

func (r *synthRNG) next() uint64 {
	r.state += 0x9E3779B97F4A7C15
	z := r.state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func (r *synthRNG) intn(n int) int { return int(r.next() % uint64(n)) }
func (r *synthRNG) float() float64 { return float64(r.next()>>11) / float64(1<<53) }

var synthWords = strings.Fields(`the a of to and in is that for it with as on this by be are we model data an
	from at or which training can not our you but have all more one its if they their will when than
	so each token layer vector embedding pipeline retrieval fine-tune inference latency throughput
	gradient loss weights dataset prompt context window quantization attention transformer batch
	memory cache GPU tensor precision evaluation benchmark baseline result experiment parameter
	learning rate optimizer schedule warmup checkpoint adapter LoRA merge distillation preference
	reward policy alignment instruction chat template chunk document index query ranking score
	latency crawler warehouse feature store stream queue worker thread request response server
	client deploy monitor trace metric dashboard alert cost budget scale shard replica cluster
	node storage bucket schema table column row join filter aggregate window partition commit
	because however therefore although while since until unless whether often usually rarely
	simply quickly carefully roughly exactly nearly almost already still again also only even
	small large fast slow new old good better best simple complex robust fragile cheap expensive
	naïve café résumé über coöperate façade — “quoted” ‘single’ …`)

var synthTopics = strings.Fields(`quantization fine-tuning retrieval embeddings agents evaluation
	distillation inference pipelines crawlers warehouses alignment tokenizers attention adapters
	merging benchmarks prompting serving monitoring datasets`)

var synthNames = []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia",
	"Leslie", "Margaret", "Niklaus", "Shafi", "Tony", "Yukihiro", "Guido", "Bjarne", "Hedy", "Katherine", "Linus"}
var synthSurnames = []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson",
	"Perlman", "Lamport", "Hamilton", "Wirth", "Goldwasser", "Hoare", "Matsumoto", "Rossum", "Stroustrup",
	"Lamarr", "Johnson", "Torvalds"}

// synthSlugWords: the words that may appear in a URL (ASCII letters and hyphens).
var synthSlugWords = func() []string {
	var out []string
	for _, w := range synthWords[40:] {
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") == "" {
			out = append(out, w)
		}
	}
	return out
}()

func synthAuthorName(a int) string {
	return synthNames[a%len(synthNames)] + " " + synthSurnames[(a/len(synthNames)+a*7)%len(synthSurnames)]
}

type synthPost struct {
	author, post int
	platform     int // 0 Substack, 1 Medium, 2 blog
	slug, title  string
	subtitle     string
	date         string // YYYY-MM-DD
	hexID        string // Medium post id
	totalBytes   int    // target size of the whole HTML page
}

func makeSynthPost(a, p int) synthPost {
	r := newSynthRNG(a, p, 1)
	topic := synthTopics[r.intn(len(synthTopics))]
	w1, w2 := synthSlugWords[r.intn(len(synthSlugWords))], synthSlugWords[r.intn(len(synthSlugWords))]
	title := fmt.Sprintf("Notes on %s %d: %s and %s", topic, p, w1, w2)
	day := r.intn(6 * 365)
	y, m, d := 2020+day/365, 1+(day%365)/31, 1+(day%365)%28
	if m > 12 {
		m = 12
	}
	kb := float64(synthMinKB) * math.Pow(float64(synthMaxKB)/synthMinKB, r.float())
	return synthPost{
		author: a, post: p, platform: (a + p) % 3,
		slug:       fmt.Sprintf("notes-on-%s-%d-%s", topic, p, strings.ToLower(w1)),
		title:      title,
		subtitle:   fmt.Sprintf("What %s taught us about %s, measured", topic, w2),
		date:       fmt.Sprintf("%04d-%02d-%02d", y, m, d),
		hexID:      fmt.Sprintf("%012x", r.next()&0xffffffffffff),
		totalBytes: int(kb * 1024),
	}
}

func (p synthPost) link() string {
	switch p.platform {
	case 0:
		return fmt.Sprintf("https://synth-a%d.substack.com/p/%s", p.author, p.slug)
	case 1:
		return fmt.Sprintf("https://medium.com/@synth-a%d/%s-%s", p.author, p.slug, p.hexID)
	}
	return fmt.Sprintf("https://synth-a%d.blog.test/%s/%s/%s/", p.author, p.date[:4], p.date[5:7], p.slug)
}

// synthSentence appends one sentence of 6-24 words.
func synthSentence(b *bytes.Buffer, r *synthRNG) {
	n := 6 + r.intn(19)
	for i := 0; i < n; i++ {
		w := synthWords[r.intn(len(synthWords))]
		if i == 0 {
			rs := []rune(w)
			w = string(unicode.ToUpper(rs[0])) + string(rs[1:])
		} else {
			b.WriteByte(' ')
		}
		if r.intn(40) == 0 {
			fmt.Fprintf(b, `<a href="https://example.org/ref/%d">%s</a>`, r.intn(1000), w)
		} else if r.intn(60) == 0 {
			b.WriteString("<em>" + w + "</em>")
		} else if r.intn(80) == 0 {
			b.WriteString("<code>" + w + "()</code>")
		} else {
			b.WriteString(w)
		}
	}
	b.WriteString(". ")
}

// synthArticleBody writes the article's HTML blocks until about `target` bytes. paragraphClass is
// the platform's class for body paragraphs ("" for none).
func synthArticleBody(b *bytes.Buffer, r *synthRNG, target int, paragraphClass string) {
	start := b.Len()
	pOpen := "<p>"
	if paragraphClass != "" {
		pOpen = `<p class="` + paragraphClass + `">`
	}
	section := 1
	for b.Len()-start < target {
		switch k := r.intn(20); {
		case k == 0:
			fmt.Fprintf(b, "<h2>%d. ", section)
			section++
			synthSentence(b, r)
			b.WriteString("</h2>\n")
		case k == 1:
			b.WriteString("<ul>")
			for i := 2 + r.intn(4); i > 0; i-- {
				b.WriteString("<li>")
				synthSentence(b, r)
				b.WriteString("</li>")
			}
			b.WriteString("</ul>\n")
		case k == 2:
			b.WriteString("<pre><code>")
			for i := 3 + r.intn(8); i > 0; i-- {
				fmt.Fprintf(b, "result_%d = model.%s(batch, lr=%d.0e-4)  # %s\n", i, synthWords[40+r.intn(40)], 1+r.intn(9), synthWords[r.intn(len(synthWords))])
			}
			b.WriteString("</code></pre>\n")
		case k == 3:
			b.WriteString("<blockquote><p>")
			synthSentence(b, r)
			b.WriteString("</p></blockquote>\n")
		case k == 4:
			fmt.Fprintf(b, `<figure><img src="https://cdn.example.org/img/%d.png" alt="figure %d" width="700" height="400"><figcaption>`, r.next()%100000, section)
			synthSentence(b, r)
			b.WriteString("</figcaption></figure>\n")
		default:
			b.WriteString(pOpen)
			for i := 2 + r.intn(5); i > 0; i-- {
				synthSentence(b, r)
			}
			b.WriteString("</p>\n")
		}
	}
}

// synthBoilerplate writes page chrome: scripts with JSON state, styles, navigation, related posts
// and comments (about `target` bytes in all).
func synthScripts(b *bytes.Buffer, r *synthRNG, target int) {
	start := b.Len()
	b.WriteString("<style>")
	for i := 0; b.Len()-start < target/3; i++ {
		fmt.Fprintf(b, ".c%d-%x{margin:%dpx %dpx;padding:0 %dpx;color:#%06x;font:%dpx/1.%d system-ui}", i, r.next()&0xfff, r.intn(40), r.intn(40), r.intn(20), r.next()&0xffffff, 12+r.intn(10), r.intn(9))
	}
	b.WriteString("</style>\n<script>window.__analytics={\"events\":[")
	for i := 0; b.Len()-start < target; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(b, `{"id":"%016x","kind":"%s","ts":%d}`, r.next(), synthWords[r.intn(60)], 1700000000+r.intn(1e8))
	}
	b.WriteString("]};</script>\n")
}

func synthChrome(b *bytes.Buffer, r *synthRNG, target int, authorName string) {
	start := b.Len()
	b.WriteString(`<aside class="related"><h3>More from ` + authorName + `</h3><ul>`)
	for i := 0; i < 6; i++ {
		fmt.Fprintf(b, `<li class="related-post"><a href="/p/related-%d">%s %s</a> <span class="read-time">%d min read</span></li>`,
			r.intn(1000), synthTopics[r.intn(len(synthTopics))], synthWords[40+r.intn(40)], 2+r.intn(20))
	}
	b.WriteString("</ul></aside>\n<section class=\"comments\"><h3>Comments</h3>")
	for b.Len()-start < target {
		fmt.Fprintf(b, `<div class="comment"><div class="comment-author">%s</div><div class="comment-body"><p>`, synthAuthorName(r.intn(400)))
		synthSentence(b, r)
		b.WriteString(`</p></div><div class="comment-actions"><button>Like</button><button>Reply</button><button>Share</button></div></div>` + "\n")
	}
	b.WriteString("</section>\n")
}

const synthNav = `<nav class="site-nav"><a href="/">Home</a> <a href="/archive">Archive</a> <a href="/about">About</a> ` +
	`<a href="/subscribe" class="button primary">Subscribe</a> <a href="/login">Sign in</a></nav>` + "\n"
const synthFooter = `<footer class="site-footer"><p>© 2026 · Privacy · Terms · Collection notice</p>` +
	`<div class="share"><a href="#">Share on X</a> <a href="#">Share on LinkedIn</a> <a href="#">Copy link</a></div></footer>` + "\n"

// synthBodyHTML: the article's own HTML (what the Substack API returns as body_html).
func synthBodyHTML(p synthPost, paragraphClass string) []byte {
	var b bytes.Buffer
	synthArticleBody(&b, newSynthRNG(p.author, p.post, 2), p.totalBytes*6/10, paragraphClass)
	return b.Bytes()
}

func synthJSONLD(p synthPost, kind string) string {
	ld, _ := json.Marshal(map[string]interface{}{
		"@context": "https://schema.org", "@type": kind, "headline": p.title, "description": p.subtitle,
		"datePublished": p.date + "T08:00:00Z", "author": map[string]string{"@type": "Person", "name": synthAuthorName(p.author)},
		"url": p.link(),
	})
	return `<script type="application/ld+json">` + string(ld) + "</script>\n"
}

func synthPage(p synthPost) []byte {
	r := newSynthRNG(p.author, p.post, 3)
	name := synthAuthorName(p.author)
	var b bytes.Buffer
	b.Grow(p.totalBytes + 4096)
	head := func(site string) {
		fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s | %s</title>\n"+
			`<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="description" content="%s">`+
			`<meta property="og:title" content="%s"><meta property="og:description" content="%s"><meta property="og:type" content="article">`+
			`<meta property="og:url" content="%s"><meta property="og:site_name" content="%s"><meta name="author" content="%s">`+
			`<meta property="article:published_time" content="%sT08:00:00Z"><link rel="canonical" href="%s">`+"\n",
			p.title, site, p.subtitle, p.title, p.subtitle, p.link(), site, name, p.date, p.link())
	}
	switch p.platform {
	case 0: // Substack
		site := name + "'s Newsletter"
		head(site)
		b.WriteString(`<link rel="stylesheet" href="https://substackcdn.com/bundle/theme/main.css">` + "\n")
		b.WriteString(synthJSONLD(p, "NewsArticle"))
		synthScripts(&b, r, p.totalBytes*25/100)
		b.WriteString("</head><body><div id=\"entry\"><div class=\"main-menu\">" + synthNav + "</div>\n")
		fmt.Fprintf(&b, `<div class="single-post-container"><article class="typography newsletter-post post"><div class="post-header">`+
			`<h1 class="post-title published">%s</h1><h3 class="subtitle">%s</h3><div class="post-meta"><a class="pencraft" href="/@synth-a%d">%s</a> <time>%s</time></div></div>`+
			`<div class="available-content"><div class="body markup" dir="auto">`, p.title, p.subtitle, p.author, name, p.date)
		b.Write(synthBodyHTML(p, ""))
		b.WriteString(`<div class="subscription-widget-wrap"><p>Thanks for reading! Subscribe for free to receive new posts.</p><button>Subscribe</button></div>`)
		b.WriteString("</div></div></article>\n")
		synthChrome(&b, r, p.totalBytes*12/100, name)
		b.WriteString("</div>" + synthFooter + "</div></body></html>\n")
	case 1: // Medium (2022 markup)
		head(name + " – Medium")
		b.WriteString(`<meta property="al:android:package" content="com.medium.reader"><meta name="twitter:site" content="@Medium">` + "\n")
		b.WriteString(synthJSONLD(p, "NewsArticle"))
		synthScripts(&b, r, p.totalBytes*25/100)
		b.WriteString("</head><body><div id=\"root\">" + synthNav)
		fmt.Fprintf(&b, `<article><div class="l"><section><div class="ch bg"><h1 id="h1-title" class="pw-post-title">%s</h1>`+
			`<h2 class="pw-subtitle-paragraph">%s</h2><div class="pw-author"><a href="/@synth-a%d">%s</a> · <span>%s</span></div>`, p.title, p.subtitle, p.author, name, p.date)
		b.Write(synthBodyHTML(p, "pw-post-body-paragraph"))
		b.WriteString("</div></section></div></article>\n")
		synthChrome(&b, r, p.totalBytes*12/100, name)
		b.WriteString(synthFooter + "</div></body></html>\n")
	default: // WordPress blog
		head(name + "'s blog")
		b.WriteString(`<link rel="stylesheet" href="/wp-content/themes/twentytwentyfour/style.css"><meta name="generator" content="WordPress 6.5">` + "\n")
		b.WriteString(synthJSONLD(p, "BlogPosting"))
		synthScripts(&b, r, p.totalBytes*25/100)
		b.WriteString("</head><body class=\"post-template-default single single-post\"><div id=\"page\" class=\"site\"><header id=\"masthead\" class=\"site-header\">" + synthNav + "</header>\n")
		fmt.Fprintf(&b, `<main id="main" class="site-main"><article class="post type-post status-publish hentry"><header class="entry-header">`+
			`<h1 class="entry-title">%s</h1><div class="entry-meta"><span class="byline">by <a class="url fn n" href="/author/a%d/">%s</a></span> `+
			`<time class="entry-date published" datetime="%sT08:00:00+00:00">%s</time></div></header><div class="entry-content">`, p.title, p.author, name, p.date, p.date)
		b.Write(synthBodyHTML(p, ""))
		b.WriteString("</div></article>\n")
		synthChrome(&b, r, p.totalBytes*12/100, name)
		b.WriteString("</main><aside id=\"secondary\" class=\"widget-area\"><section class=\"widget\"><h2>Categories</h2><ul><li>LLMs</li><li>Data</li><li>MLOps</li></ul></section></aside>\n")
		b.WriteString(synthFooter + "</div></body></html>\n")
	}
	return b.Bytes()
}

// synthLookup finds the post a request names (nil when none).
func synthLookup(host, path string) (*synthPost, bool) {
	var a int
	var slug string
	api := false
	switch {
	case strings.HasSuffix(host, ".substack.com"):
		if _, err := fmt.Sscanf(host, "synth-a%d.substack.com", &a); err != nil {
			return nil, false
		}
		switch {
		case strings.HasPrefix(path, "/p/"):
			slug = strings.TrimSuffix(strings.TrimPrefix(path, "/p/"), "/")
		case strings.HasPrefix(path, "/api/v1/posts/"):
			slug, api = strings.TrimPrefix(path, "/api/v1/posts/"), true
		}
	case strings.HasSuffix(host, ".blog.test"):
		if _, err := fmt.Sscanf(host, "synth-a%d.blog.test", &a); err != nil {
			return nil, false
		}
		parts := strings.Split(strings.Trim(path, "/"), "/")
		if len(parts) == 3 {
			slug = parts[2]
		}
	case host == "medium.com":
		parts := strings.Split(strings.Trim(path, "/"), "/")
		if len(parts) != 2 {
			return nil, false
		}
		if _, err := fmt.Sscanf(parts[0], "@synth-a%d", &a); err != nil {
			return nil, false
		}
		if dash := strings.LastIndexByte(parts[1], '-'); dash > 0 {
			slug = parts[1][:dash]
		}
	}
	// The slug is notes-on-<topic>-<post>-<word>; the post number is its fourth-from-last field at
	// most, so find it by rebuilding candidates (slugs are short).
	fields := strings.Split(slug, "-")
	for i := len(fields) - 2; i >= 2; i-- {
		n, err := strconv.Atoi(fields[i])
		if err != nil || n < 0 || n >= synthMaxPosts {
			continue
		}
		p := makeSynthPost(a, n)
		if p.slug == slug {
			return &p, api
		}
	}
	return nil, api
}

var synthAPIPool = sync.Pool{New: func() interface{} { return new(bytes.Buffer) }}

func (s *server) serveSynth(w http.ResponseWriter, r *http.Request, host string) {
	h := w.Header()
	if r.URL.Path == "/robots.txt" {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "User-agent: *\nAllow: /\n")
		return
	}
	if host == "synth.test" {
		if r.URL.Path != "/links" {
			http.Error(w, "synth.test serves /links?authors=N&posts=M", http.StatusNotFound)
			return
		}
		authors := intParam(r, "authors", 10, synthMaxAuthors)
		posts := intParam(r, "posts", 10, synthMaxPosts)
		if authors*posts > synthMaxLinks {
			http.Error(w, "at most 1,000,000 links", http.StatusBadRequest)
			return
		}
		h.Set("Content-Type", "text/plain; charset=utf-8")
		var b bytes.Buffer
		for a := 0; a < authors; a++ {
			for p := 0; p < posts; p++ {
				b.WriteString(makeSynthPost(a, p).link())
				b.WriteByte('\n')
			}
		}
		w.Write(b.Bytes())
		return
	}
	p, api := synthLookup(host, r.URL.Path)
	if p == nil || (api && p.platform != 0) {
		http.Error(w, "no synthetic post at "+host+r.URL.Path, http.StatusNotFound)
		return
	}
	if api {
		b := synthAPIPool.Get().(*bytes.Buffer)
		b.Reset()
		defer synthAPIPool.Put(b)
		enc := json.NewEncoder(b)
		enc.SetEscapeHTML(false)
		enc.Encode(map[string]interface{}{
			"id": p.author*synthMaxPosts + p.post, "slug": p.slug, "title": p.title, "subtitle": p.subtitle,
			"post_date": p.date + "T08:00:00.000Z", "audience": "everyone", "canonical_url": p.link(),
			"type": "newsletter", "publishedBylines": []map[string]string{{"name": synthAuthorName(p.author)}},
			"body_html": string(synthBodyHTML(*p, "")),
		})
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Content-Length", strconv.Itoa(b.Len()))
		w.Write(b.Bytes())
		return
	}
	body := synthPage(*p)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}
