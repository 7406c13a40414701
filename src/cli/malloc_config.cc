// jemalloc's settings for the llmtwin program, read by jemalloc when the process starts (the
// MALLOC_CONF environment variable, when set, is applied after them and wins). Linked only when
// the program is built with jemalloc (LLMTWIN_JEMALLOC, src/cli/CMakeLists.txt).
//
// Why jemalloc: the ETL allocates for every node, attribute and text of every page (libxml2), and
// for every string the crawlers and the Markdown renderer build; glibc's malloc was 15% of the
// CPU of `llmtwin etl`, and its arenas are shared by the 16-32 link workers. With jemalloc, 2,000
// synthetic links take 2.55-2.6 instead of 2.85 CPU ms per link, at the same peak memory (93 MB).
//
// Why these settings: one arena per CPU (percpu_arena) instead of four, and thread caches kept to
// blocks of at most 4 KiB (tcache_max): with jemalloc's defaults the same run peaks at 123-127 MB.
// Unused pages go back to the system after 5 s instead of 10 (dirty_decay_ms).
extern "C" {
// NOLINTNEXTLINE: the name is jemalloc's
const char* malloc_conf = "percpu_arena:percpu,tcache_max:4096,dirty_decay_ms:5000";
}
