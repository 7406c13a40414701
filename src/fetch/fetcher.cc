#include "fetch/fetcher.h"

#include <spdlog/spdlog.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <strings.h>

#include <algorithm>
#include <cstdlib>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>

#include "common/error.h"
#include "domain/url.h"
#include "fetch/address_guard.h"
#include "fetch/charset.h"
#include "fetch/curl_handles.h"
#include "common/stage_cpu.h"
#include "fetch/extra_ca.h"
#include "fetch/retry.h"
#include "fetch/robots.h"

namespace llmtwin {

std::string_view FetchErrorCategoryName(FetchErrorCategory category) {
  switch (category) {
    case FetchErrorCategory::kNone: return "none";
    case FetchErrorCategory::kDns: return "dns";
    case FetchErrorCategory::kConnect: return "connect";
    case FetchErrorCategory::kTls: return "tls";
    case FetchErrorCategory::kTimeout: return "timeout";
    case FetchErrorCategory::kTooLarge: return "too-large";
    case FetchErrorCategory::kTooManyRedirects: return "too-many-redirects";
    case FetchErrorCategory::kRedirectLoop: return "redirect-loop";
    case FetchErrorCategory::kHttp4xx: return "http-4xx";
    case FetchErrorCategory::kHttp5xx: return "http-5xx";
    case FetchErrorCategory::kRobotsDisallowed: return "robots-disallowed";
    case FetchErrorCategory::kRobotsUnavailable: return "robots-unavailable";
    case FetchErrorCategory::kBlockedAddress: return "blocked-address";
    case FetchErrorCategory::kInvalidUrl: return "invalid-url";
    case FetchErrorCategory::kCancelled: return "cancelled";
    case FetchErrorCategory::kBadContent: return "bad-content";
    case FetchErrorCategory::kNetwork: return "network";
    case FetchErrorCategory::kHttpOther: return "http-other";
  }
  return "unknown";
}

namespace {

std::string FindHeader(const std::vector<std::pair<std::string, std::string>>& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return value;
  }
  return "";
}

}  // namespace

std::string FetchResult::Header(std::string_view name) const { return FindHeader(headers, name); }

namespace {

using Ms = std::chrono::milliseconds;
constexpr long long kRobotsMaxBytes = 512 * 1024;
constexpr int kRobotsMaxRedirects = 5;
constexpr auto kRobotsRetryAfter = std::chrono::seconds(60);  // 5xx robots.txt: disallow, ask again later

double Seconds(Clock::Duration d) { return std::chrono::duration<double>(d).count(); }

// Where one request is: which URL, which host, how it went so far.
struct Job {
  FetchRequest request;
  std::promise<FetchResult> promise;
  FetchResult result;
  bool is_robots = false;     // an internal robots.txt fetch for `robots_origin`
  std::string robots_origin;  // the origin whose rules this robots.txt sets

  // The current hop.
  std::string url;
  std::string origin;      // scheme://host:port: the unit of politeness and of robots.txt
  std::string path_query;  // for robots matching
  std::set<std::string> visited;
  int hop_attempts = 0;
  Clock::TimePoint not_before{};
  Clock::TimePoint submitted{};
  Clock::TimePoint idle_since{};  // when it last started waiting (for wait_seconds)

  // The current transfer.
  curl::Easy easy;
  curl::Slist request_headers;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  long long max_body = 0;
  bool too_large = false;
  bool truncate_ok = false;  // robots.txt: keep the first max_body bytes instead of failing
  std::string blocked_address;
  const std::vector<std::string>* allowed_addresses = nullptr;  // crawl.allowed_addresses
  char error_buffer[CURL_ERROR_SIZE] = {};
};

struct HostState {
  enum class Robots { kUnknown, kFetching, kReady, kUnavailable };
  Robots robots = Robots::kUnknown;
  RobotsRules rules;
  Clock::TimePoint robots_retry_at{};
  std::string robots_problem;
  FetchErrorCategory robots_category = FetchErrorCategory::kRobotsUnavailable;  // what waiting jobs report
  int in_flight = 0;
  Clock::TimePoint next_allowed{};
  std::deque<Job*> queue;  // ready to start (due), FIFO
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  auto* job = static_cast<Job*>(user);
  const size_t n = size * count;
  if (job->max_body > 0 && static_cast<long long>(job->body.size() + n) > job->max_body) {
    if (job->truncate_ok) {
      job->body.append(data, static_cast<size_t>(job->max_body) - job->body.size());
    }
    job->too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  job->body.append(data, n);
  return n;
}

size_t WriteHeader(char* data, size_t size, size_t count, void* user) {
  auto* job = static_cast<Job*>(user);
  const size_t n = size * count;
  std::string_view line(data, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.rfind("HTTP/", 0) == 0) {
    job->headers.clear();  // a new response (after 1xx)
  } else if (const size_t colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    job->headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    if (colon == 14 && job->body.empty() && (line[0] == 'c' || line[0] == 'C')) {
      const std::string& name = job->headers.back().first;
      if (strncasecmp(name.c_str(), "content-length", 14) == 0) {
        const long long length = std::atoll(job->headers.back().second.c_str());
        if (length > 0 && (job->max_body <= 0 || length <= job->max_body)) job->body.reserve(static_cast<size_t>(length));
      }
    }
  }
  return n;
}

curl_socket_t OpenGuardedSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* job = static_cast<Job*>(user);
  if (purpose == CURLSOCKTYPE_IPCXN && !IsPublicAddress(&address->addr)) {
    const std::string text = AddressToString(&address->addr);
    const auto* allowed = job->allowed_addresses;
    if (!allowed || std::find(allowed->begin(), allowed->end(), text) == allowed->end()) {
      job->blocked_address = text;
      return CURL_SOCKET_BAD;
    }
  }
  return socket(address->family, address->socktype, address->protocol);
}

// Checks `connect_to` entries: HOST:PORT:ADDR:PORT (fields may be empty, ADDR may be [IPv6]).
// Checks `allowed_addresses` entries: one IPv4 or IPv6 address each, written as inet_ntop writes it
// (the guard compares text), so "127.0.0.1" or "::1", not a host name or a network.
void ValidateAllowedAddress(const std::string& entry) {
  unsigned char buffer[sizeof(in6_addr)];
  const int family = entry.find(':') == std::string::npos ? AF_INET : AF_INET6;
  char canonical[INET6_ADDRSTRLEN] = {};
  if (inet_pton(family, entry.c_str(), buffer) != 1 || !inet_ntop(family, buffer, canonical, sizeof canonical) ||
      entry != canonical)
    throw Error(ErrorKind::kConfig, "crawl.allowed_addresses: '" + entry + "' is not an IP address in canonical form");
}

void ValidateConnectTo(const std::string& entry) {
  int colons = 0;
  bool in_brackets = false;
  for (char c : entry) {
    if (c == '[') in_brackets = true;
    else if (c == ']') in_brackets = false;
    else if (c == ':' && !in_brackets) ++colons;
  }
  if (colons != 3)
    throw Error(ErrorKind::kConfig, "crawl.connect_to: '" + entry + "' is not HOST:PORT:ADDR:PORT");
}

}  // namespace

class Fetcher::Engine {
 public:
  Engine(const CrawlOptions& options, Clock* clock);
  ~Engine();

  std::future<FetchResult> Submit(FetchRequest request);
  void CancelAll();

 private:
  // Loop thread only.
  void Run();
  void Admit(std::unique_ptr<Job> job);
  bool SetHop(Job& job, const std::string& url);
  void StartDue();
  bool TryStartFromHost(const std::string& origin, HostState& host);
  void StartRobotsFetch(const std::string& origin);
  void StartTransfer(Job& job, HostState& host);
  void OnTransferDone(CURL* easy, CURLcode code);
  void Requeue(Job& job, Clock::TimePoint not_before);
  void Enqueue(Job& job);
  void Finish(Job& job);
  void Fail(Job& job, FetchErrorCategory category, std::string message);
  void OnRobotsDone(Job& job);
  void CancelEverything();
  Clock::Duration HostDelay(const HostState& host) const;
  Clock::Duration NextWake() const;
  void ReleaseTransfer(Job& job);

  const CrawlOptions options_;
  Clock* const clock_;
  const std::string user_agent_;
  const std::string product_token_;
  curl::Slist connect_to_;
  std::shared_ptr<const TrustStore> trust_;  // the process's store for this `cacert`
  curl::Multi multi_;
  std::mt19937_64 random_;

  std::mutex mu_;
  std::condition_variable cancelled_cv_;
  std::vector<std::unique_ptr<Job>> incoming_;
  bool stop_ = false;
  uint64_t cancel_requested_ = 0;
  uint64_t cancel_done_ = 0;

  std::unordered_map<Job*, std::unique_ptr<Job>> jobs_;  // every job not yet finished
  std::map<std::string, HostState> hosts_;
  std::multimap<Clock::TimePoint, Job*> timers_;  // waiting for backoff / Retry-After
  std::vector<curl::Easy> spare_handles_;
  int running_ = 0;

  std::thread thread_;
};

Fetcher::Engine::Engine(const CrawlOptions& options, Clock* clock)
    : options_(options),
      clock_(clock ? clock : SteadyClock::Instance()),
      user_agent_(EffectiveUserAgent(options)),
      product_token_(RobotsProductToken(EffectiveUserAgent(options))),
      random_(std::random_device{}()) {
  for (const auto& entry : options_.connect_to) {
    ValidateConnectTo(entry);
    connect_to_.Append(entry);
  }
  for (const auto& entry : options_.allowed_addresses) ValidateAllowedAddress(entry);
  trust_ = TrustStore::For(options_.cacert);
  if (options_.concurrency < 1) throw Error(ErrorKind::kConfig, "crawl.concurrency must be at least 1");
  if (options_.per_host_connections < 1) throw Error(ErrorKind::kConfig, "crawl.per_host_connections must be at least 1");
  curl::EnsureGlobalInit();
  multi_.reset(curl_multi_init());
  if (!multi_) throw Error(ErrorKind::kInternal, "curl_multi_init failed");
  curl_multi_setopt(multi_.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  curl_multi_setopt(multi_.get(), CURLMOPT_MAXCONNECTS, static_cast<long>(std::max(16, options_.concurrency * 2)));
  thread_ = std::thread([this] { Run(); });
}

Fetcher::Engine::~Engine() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  curl_multi_wakeup(multi_.get());
  thread_.join();
  // Running handles were removed by CancelEverything(); the multi handle is cleaned up last.
  jobs_.clear();
  spare_handles_.clear();
}

std::future<FetchResult> Fetcher::Engine::Submit(FetchRequest request) {
  auto job = std::make_unique<Job>();
  job->request = std::move(request);
  job->result.requested_url = job->request.url;
  job->submitted = clock_->Now();
  std::future<FetchResult> future = job->promise.get_future();
  {
    std::lock_guard lock(mu_);
    if (!stop_) {
      incoming_.push_back(std::move(job));
    }
  }
  if (job) {  // the fetcher is shutting down
    job->result.error = FetchErrorCategory::kCancelled;
    job->result.error_message = "the fetcher is shutting down";
    job->promise.set_value(std::move(job->result));
    return future;
  }
  curl_multi_wakeup(multi_.get());
  return future;
}

void Fetcher::Engine::CancelAll() {
  std::vector<std::unique_ptr<Job>> queued;
  uint64_t ticket = 0;
  {
    std::lock_guard lock(mu_);
    queued.swap(incoming_);
    ticket = ++cancel_requested_;
  }
  for (auto& job : queued) {
    job->result.error = FetchErrorCategory::kCancelled;
    job->result.error_message = "cancelled before it started";
    job->promise.set_value(std::move(job->result));
  }
  curl_multi_wakeup(multi_.get());
  std::unique_lock lock(mu_);
  cancelled_cv_.wait(lock, [&] { return cancel_done_ >= ticket || stop_; });
}

void Fetcher::Engine::Run() {
  for (;;) {
    const StageScope stage(Stage::kFetch);  // the engine thread does nothing else; charged each turn
    std::vector<std::unique_ptr<Job>> arrived;
    bool stop = false;
    uint64_t cancel = 0;
    {
      std::lock_guard lock(mu_);
      arrived.swap(incoming_);
      stop = stop_;
      cancel = cancel_requested_;
    }
    if (cancel != cancel_done_ || stop) {
      CancelEverything();
      {
        std::lock_guard lock(mu_);
        cancel_done_ = cancel;
      }
      cancelled_cv_.notify_all();
    }
    if (stop) {
      for (auto& job : arrived) {
        job->result.error = FetchErrorCategory::kCancelled;
        job->result.error_message = "the fetcher is shutting down";
        job->promise.set_value(std::move(job->result));
      }
      return;
    }
    for (auto& job : arrived) Admit(std::move(job));

    StartDue();
    int still_running = 0;
    curl_multi_perform(multi_.get(), &still_running);
    int queued_messages = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &queued_messages)) {
      if (msg->msg == CURLMSG_DONE) OnTransferDone(msg->easy_handle, msg->data.result);
    }
    StartDue();

    const long wait_ms = static_cast<long>(std::chrono::duration_cast<Ms>(NextWake()).count());
    curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(std::max(0L, wait_ms)), nullptr);
  }
}

Clock::Duration Fetcher::Engine::NextWake() const {
  // Real sleeping is bounded so that an injected clock moved by a test is noticed quickly.
  const bool real_clock = clock_ == SteadyClock::Instance();
  Clock::Duration wait = real_clock ? Clock::Duration(std::chrono::seconds(1)) : Clock::Duration(Ms(5));
  const auto now = clock_->Now();
  if (!timers_.empty()) wait = std::min(wait, std::max(Clock::Duration::zero(), timers_.begin()->first - now));
  // A host whose delay is over but which still cannot start (robots.txt in flight, connection
  // limits) is woken by a transfer finishing, so only future delays set a deadline here.
  for (const auto& [origin, host] : hosts_) {
    if (!host.queue.empty() && host.next_allowed > now) wait = std::min(wait, host.next_allowed - now);
  }
  return wait;
}

bool Fetcher::Engine::SetHop(Job& job, const std::string& url) {
  std::string why;
  const auto parsed = ParseHttpUrl(url, &why);
  if (!parsed) {
    Fail(job, FetchErrorCategory::kInvalidUrl, "'" + url + "' " + (why.empty() ? "is not a URL" : why));
    return false;
  }
  Url clean = *parsed;
  clean.fragment.clear();
  job.url = clean.ToString(true);
  const int port = parsed->port ? parsed->port : (parsed->scheme == "https" ? 443 : 80);
  job.origin = parsed->scheme + "://" + parsed->host + ":" + std::to_string(port);
  job.path_query = (parsed->path.empty() ? "/" : parsed->path) + (parsed->query.empty() ? "" : "?" + parsed->query);
  job.hop_attempts = 0;
  return true;
}

void Fetcher::Engine::Admit(std::unique_ptr<Job> owned) {
  Job& job = *owned;
  jobs_.emplace(&job, std::move(owned));
  if (!SetHop(job, job.request.url)) return;
  job.visited.insert(job.url);
  job.max_body = job.request.max_body_bytes > 0 ? job.request.max_body_bytes : options_.max_body_bytes;
  Requeue(job, job.submitted);
}

void Fetcher::Engine::Requeue(Job& job, Clock::TimePoint not_before) {
  job.not_before = not_before;
  job.idle_since = clock_->Now();
  if (not_before > job.idle_since) {
    timers_.emplace(not_before, &job);
  } else {
    Enqueue(job);
  }
}

void Fetcher::Engine::Enqueue(Job& job) {
  // A robots.txt fetch goes first: the jobs of its host wait for it.
  auto& queue = hosts_[job.origin].queue;
  if (job.is_robots) queue.push_front(&job);
  else queue.push_back(&job);
}

Clock::Duration Fetcher::Engine::HostDelay(const HostState& host) const {
  Clock::Duration delay = Ms(options_.min_delay_ms);
  if (host.robots == HostState::Robots::kReady && host.rules.crawl_delay()) {
    const double seconds = std::min(*host.rules.crawl_delay(), options_.crawl_delay_cap_s);
    delay = std::max(delay, std::chrono::duration_cast<Clock::Duration>(std::chrono::duration<double>(seconds)));
  }
  return delay;
}

void Fetcher::Engine::StartDue() {
  const auto now = clock_->Now();
  while (!timers_.empty() && timers_.begin()->first <= now) {
    Job* job = timers_.begin()->second;
    timers_.erase(timers_.begin());
    Enqueue(*job);
  }
  // Round-robin over hosts, one start per host per pass, until nothing more can start.
  bool progress = true;
  while (progress && running_ < options_.concurrency) {
    progress = false;
    for (auto& [origin, host] : hosts_) {
      if (running_ >= options_.concurrency) break;
      if (TryStartFromHost(origin, host)) progress = true;
    }
  }
}

// Starts (or settles without a transfer) the first job queued for `host`; true if it did anything.
bool Fetcher::Engine::TryStartFromHost(const std::string& origin, HostState& host) {
  if (host.queue.empty()) return false;
  Job& job = *host.queue.front();
  const auto now = clock_->Now();
  const bool needs_robots = !job.is_robots && job.request.obey_robots && options_.respect_robots;
  if (needs_robots) {
    if (host.robots == HostState::Robots::kUnavailable && now >= host.robots_retry_at)
      host.robots = HostState::Robots::kUnknown;
    switch (host.robots) {
      case HostState::Robots::kUnknown:
        StartRobotsFetch(origin);
        return true;
      case HostState::Robots::kFetching:
        return false;
      case HostState::Robots::kUnavailable:
        host.queue.pop_front();
        Fail(job, host.robots_category,
             host.robots_category == FetchErrorCategory::kRobotsUnavailable
                 ? "robots.txt of " + origin + " is unavailable (" + host.robots_problem +
                       "); the site is treated as disallowed for now; retry later"
                 : "fetching robots.txt of " + origin + " failed: " + host.robots_problem);
        return true;
      case HostState::Robots::kReady:
        if (!host.rules.Allowed(job.path_query)) {
          host.queue.pop_front();
          Fail(job, FetchErrorCategory::kRobotsDisallowed, "robots.txt of " + origin + " disallows " + job.path_query);
          return true;
        }
        break;
    }
  }
  if (!job.is_robots) {
    if (host.in_flight >= options_.per_host_connections) return false;
    if (now < host.next_allowed) return false;
  }
  host.queue.pop_front();
  StartTransfer(job, host);
  return true;
}

void Fetcher::Engine::StartRobotsFetch(const std::string& origin) {
  HostState& host = hosts_[origin];
  host.robots = HostState::Robots::kFetching;
  Job* any = host.queue.front();
  auto owned = std::make_unique<Job>();
  Job& job = *owned;
  auto parsed = ParseHttpUrl(any->url);
  parsed->path = "/robots.txt";
  parsed->query.clear();
  parsed->user.clear();
  parsed->password.clear();
  job.is_robots = true;
  job.robots_origin = origin;
  job.request.url = parsed->ToString();
  job.request.obey_robots = false;
  job.result.requested_url = job.request.url;
  job.submitted = clock_->Now();
  job.max_body = kRobotsMaxBytes;
  job.truncate_ok = true;
  jobs_.emplace(&job, std::move(owned));
  if (!SetHop(job, job.request.url)) return;
  job.visited.insert(job.url);
  StartTransfer(job, hosts_[job.origin]);
}

void Fetcher::Engine::StartTransfer(Job& job, HostState& host) {
  const auto now = clock_->Now();
  if (job.idle_since != Clock::TimePoint{}) job.result.wait_seconds += Seconds(now - job.idle_since);
  job.result.started_at = now;
  ++job.hop_attempts;
  ++job.result.attempts;
  ++host.in_flight;
  ++running_;
  host.next_allowed = now + HostDelay(host);

  if (!spare_handles_.empty()) {
    job.easy = std::move(spare_handles_.back());
    spare_handles_.pop_back();
    curl_easy_reset(job.easy.get());
  } else {
    job.easy.reset(curl_easy_init());
    if (!job.easy) throw Error(ErrorKind::kInternal, "curl_easy_init failed");
  }
  job.body.clear();
  job.headers.clear();
  job.too_large = false;
  job.blocked_address.clear();
  job.error_buffer[0] = '\0';

  CURL* e = job.easy.get();
  curl_easy_setopt(e, CURLOPT_URL, job.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, &job);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, job.error_buffer);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &job);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &job);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // we follow redirects (loops, robots, guard)
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl decodes: gzip, deflate, br, zstd
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
  curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 256L * 1024);  // fewer, larger writes for page-sized bodies
  curl_easy_setopt(e, CURLOPT_USERAGENT, user_agent_.c_str());
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_s * 1000));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_s * 1000));
  if (options_.low_speed_limit_bytes > 0 && options_.low_speed_time_s > 0) {
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(options_.low_speed_limit_bytes));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, std::max(1L, static_cast<long>(options_.low_speed_time_s + 0.5)));
  }
  if (job.max_body > 0 && !job.truncate_ok) curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(job.max_body));
  if (!connect_to_.empty()) curl_easy_setopt(e, CURLOPT_CONNECT_TO, connect_to_.get());
  trust_->ApplyTo(e);
  if (!options_.proxy.empty()) curl_easy_setopt(e, CURLOPT_PROXY, options_.proxy.c_str());
  if (!options_.allow_private_addresses) {
    job.allowed_addresses = &options_.allowed_addresses;
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, OpenGuardedSocket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &job);
  }
  if (job.request.head) curl_easy_setopt(e, CURLOPT_NOBODY, 1L);

  job.request_headers.Clear();
  for (const auto& [name, value] : job.request.headers) job.request_headers.Append(name + ": " + value);
  if (!job.request.if_none_match.empty()) job.request_headers.Append("If-None-Match: " + job.request.if_none_match);
  if (!job.request.if_modified_since.empty())
    job.request_headers.Append("If-Modified-Since: " + job.request.if_modified_since);
  if (!job.request_headers.empty()) curl_easy_setopt(e, CURLOPT_HTTPHEADER, job.request_headers.get());

  curl_multi_add_handle(multi_.get(), e);
}

void Fetcher::Engine::ReleaseTransfer(Job& job) {
  if (!job.easy) return;
  curl_multi_remove_handle(multi_.get(), job.easy.get());
  spare_handles_.push_back(std::move(job.easy));
  auto it = hosts_.find(job.origin);
  if (it != hosts_.end()) --it->second.in_flight;
  --running_;
}

void Fetcher::Engine::OnTransferDone(CURL* easy, CURLcode code) {
  Job* job_ptr = nullptr;
  curl_easy_getinfo(easy, CURLINFO_PRIVATE, &job_ptr);
  Job& job = *job_ptr;
  FetchResult& r = job.result;

  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  long version = 0;
  curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
  curl_off_t connect_us = 0, tls_us = 0, ttfb_us = 0;
  curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connect_us);
  curl_easy_getinfo(easy, CURLINFO_APPCONNECT_TIME_T, &tls_us);
  curl_easy_getinfo(easy, CURLINFO_STARTTRANSFER_TIME_T, &ttfb_us);
  long new_connections = 0;
  curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &new_connections);
  r.new_connections = static_cast<int>(new_connections);
  r.final_url = job.url;
  r.status = status;
  r.http_version = version == CURL_HTTP_VERSION_2_0 ? "2"
                   : version == CURL_HTTP_VERSION_1_1 ? "1.1"
                   : version == CURL_HTTP_VERSION_1_0 ? "1.0"
                   : version == CURL_HTTP_VERSION_3   ? "3"
                                                      : "";
  r.connect_seconds = connect_us / 1e6;
  r.tls_seconds = tls_us / 1e6;
  r.ttfb_seconds = ttfb_us / 1e6;
  r.headers = std::move(job.headers);
  job.headers.clear();
  const std::string error_text = job.error_buffer[0] ? job.error_buffer : curl_easy_strerror(code);
  const bool too_large = job.too_large || code == CURLE_FILESIZE_EXCEEDED;
  const std::string blocked = job.blocked_address;
  ReleaseTransfer(job);

  const auto now = clock_->Now();
  const bool retries_left = job.hop_attempts <= options_.retries;
  auto retry_delay = [&]() -> Clock::Duration {
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    return BackoffDelay(job.hop_attempts, options_.backoff_base_ms, options_.backoff_max_ms, jitter(random_));
  };

  if (code != CURLE_OK && !(job.truncate_ok && too_large)) {
    FetchErrorCategory category = CategoryOfCurlError(code);
    std::string message = error_text;
    if (too_large) {
      category = FetchErrorCategory::kTooLarge;
      message = "body larger than max_body_bytes (" + std::to_string(job.max_body) + " bytes); transfer aborted";
    } else if (!blocked.empty()) {
      category = FetchErrorCategory::kBlockedAddress;
      message = "refused to connect to " + blocked +
                " (a loopback, private or link-local address; set allow_private_addresses, or list the address in allowed_addresses, to allow it)";
    } else if (code == CURLE_PARTIAL_FILE || code == CURLE_HTTP2_STREAM) {
      message = "body cut short: " + error_text;
    }
    if (IsRetryableCategory(category) && retries_left) {
      spdlog::debug("fetch: {} failed ({}), retrying", job.url, message);
      Requeue(job, now + retry_delay());
      return;
    }
    Fail(job, category, message);
    return;
  }

  // A response arrived.
  if (IsRetryableStatus(status) && retries_left) {
    Clock::Duration delay = retry_delay();
    const std::string retry_after = FindHeader(r.headers, "Retry-After");
    if (!retry_after.empty()) {
      if (auto after = ParseRetryAfter(retry_after, std::time(nullptr))) {
        if (*after > Ms(options_.backoff_max_ms)) {
          job.body.swap(r.body);
          Fail(job, CategoryOfStatus(status),
               "HTTP " + std::to_string(status) + " with Retry-After " + retry_after +
                   " (longer than backoff_max_ms " + std::to_string(options_.backoff_max_ms) + "); not retried");
          return;
        }
        delay = *after;
      }
    }
    spdlog::debug("fetch: {} answered {}, retrying in {} ms", job.url, status,
                  std::chrono::duration_cast<Ms>(delay).count());
    Requeue(job, now + delay);
    return;
  }

  const std::string location = FindHeader(r.headers, "Location");
  if (status >= 300 && status < 400 && status != 304 && !location.empty()) {
    const int max_redirects = job.is_robots ? kRobotsMaxRedirects : options_.max_redirects;
    auto target = ResolveUrl(job.url, location);
    if (!target) {
      Fail(job, FetchErrorCategory::kInvalidUrl, "redirect to an invalid URL '" + location + "'");
      return;
    }
    if (static_cast<int>(r.redirects.size()) >= max_redirects) {
      Fail(job, FetchErrorCategory::kTooManyRedirects,
           "more than " + std::to_string(max_redirects) + " redirects (last to " + *target + ")");
      return;
    }
    const std::string from = job.url;
    if (!SetHop(job, *target)) return;
    if (!job.visited.insert(job.url).second) {
      job.result.redirects.push_back(from);
      Fail(job, FetchErrorCategory::kRedirectLoop, "redirect loop: " + from + " redirects back to " + job.url);
      return;
    }
    r.redirects.push_back(from);
    Requeue(job, now);
    return;
  }

  r.content_type = FindHeader(r.headers, "Content-Type");
  r.etag = FindHeader(r.headers, "ETag");
  r.last_modified = FindHeader(r.headers, "Last-Modified");
  const FetchErrorCategory status_category = CategoryOfStatus(status);
  if (status_category != FetchErrorCategory::kNone) {
    r.error = status_category;
    r.error_message = "HTTP " + std::to_string(status);
  }
  if (job.request.decode_text && !job.request.head && status != 304) {
    if (!IsTextContentType(r.content_type) && status_category == FetchErrorCategory::kNone) {
      r.body = std::move(job.body);
      r.error = FetchErrorCategory::kBadContent;
      r.error_message = "expected text but got Content-Type '" + r.content_type + "'";
    } else {
      DecodedText text = DecodeOwnedToUtf8(std::move(job.body), r.content_type);
      r.body = std::move(text.text);
      r.charset = std::move(text.charset);
    }
  } else {
    r.body = std::move(job.body);
  }
  job.body.clear();
  Finish(job);
}

void Fetcher::Engine::Fail(Job& job, FetchErrorCategory category, std::string message) {
  job.result.error = category;
  job.result.error_message = std::move(message);
  if (job.result.final_url.empty()) job.result.final_url = job.url.empty() ? job.request.url : job.url;
  Finish(job);
}

void Fetcher::Engine::Finish(Job& job) {
  job.result.total_seconds = Seconds(clock_->Now() - job.submitted);
  if (job.is_robots) {
    OnRobotsDone(job);
  } else {
    if (job.result.error != FetchErrorCategory::kNone)
      spdlog::debug("fetch: {} -> {} ({})", job.result.requested_url, FetchErrorCategoryName(job.result.error),
                    job.result.error_message);
    job.promise.set_value(std::move(job.result));
  }
  jobs_.erase(&job);
}

void Fetcher::Engine::OnRobotsDone(Job& job) {
  HostState& host = hosts_[job.robots_origin];
  const FetchResult& r = job.result;
  const bool transport_ok = r.error == FetchErrorCategory::kNone || r.error == FetchErrorCategory::kHttp4xx ||
                            r.error == FetchErrorCategory::kHttp5xx || r.error == FetchErrorCategory::kBadContent ||
                            r.error == FetchErrorCategory::kTooLarge || r.error == FetchErrorCategory::kHttpOther;
  if (transport_ok && r.status >= 200 && r.status < 300) {
    host.rules = RobotsRules::Parse(r.body, product_token_);
    host.robots = HostState::Robots::kReady;
  } else if (transport_ok && r.status >= 400 && r.status < 500 && r.status != 429) {
    host.rules = RobotsRules::AllowAll();  // RFC 9309 2.3.1.3: "unavailable" means no rules
    host.robots = HostState::Robots::kReady;
  } else if (r.error == FetchErrorCategory::kTooManyRedirects || r.error == FetchErrorCategory::kRedirectLoop) {
    host.rules = RobotsRules::AllowAll();  // RFC 9309 2.3.1.2: unavailable after 5 redirects
    host.robots = HostState::Robots::kReady;
  } else {
    // RFC 9309 2.3.1.4: "unreachable" (5xx, 429, network errors) means complete disallow.
    host.robots = HostState::Robots::kUnavailable;
    host.robots_retry_at = clock_->Now() + kRobotsRetryAfter;
    // An HTTP answer is a robots matter; a transport failure (TLS, DNS, refused, blocked address)
    // would fail the page too, so pages report that category, which says what to fix.
    host.robots_category = r.status ? FetchErrorCategory::kRobotsUnavailable : r.error;
    host.robots_problem = r.status ? "HTTP " + std::to_string(r.status)
                                   : std::string(FetchErrorCategoryName(r.error)) + ": " + r.error_message;
    spdlog::warn("robots.txt of {} unavailable ({}); treating the site as disallowed for now", job.robots_origin,
                 host.robots_problem);
  }
}

void Fetcher::Engine::CancelEverything() {
  std::vector<Job*> all;
  all.reserve(jobs_.size());
  for (auto& [ptr, owned] : jobs_) all.push_back(ptr);
  for (Job* job : all) ReleaseTransfer(*job);
  timers_.clear();
  for (auto& [origin, host] : hosts_) {
    host.queue.clear();
    host.in_flight = 0;
    if (host.robots == HostState::Robots::kFetching) host.robots = HostState::Robots::kUnknown;
  }
  running_ = 0;
  for (Job* job : all) {
    if (!job->is_robots) {
      job->result.error = FetchErrorCategory::kCancelled;
      job->result.error_message = "cancelled";
      job->result.total_seconds = Seconds(clock_->Now() - job->submitted);
      job->promise.set_value(std::move(job->result));
    }
    jobs_.erase(job);
  }
}

Fetcher::Fetcher(const CrawlOptions& options, Clock* clock) : engine_(std::make_unique<Engine>(options, clock)) {}
Fetcher::~Fetcher() = default;

std::future<FetchResult> Fetcher::Submit(FetchRequest request) { return engine_->Submit(std::move(request)); }

FetchResult Fetcher::Fetch(FetchRequest request) { return Submit(std::move(request)).get(); }

void Fetcher::CancelAll() { engine_->CancelAll(); }

}  // namespace llmtwin
