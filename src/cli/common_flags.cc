#include <algorithm>

#include "cli/command.h"
#include "common/error.h"

namespace llmtwin::cli {
namespace {

std::vector<std::pair<int, AddCommandFn>>& Registry() {
  static std::vector<std::pair<int, AddCommandFn>> registry;
  return registry;
}

}  // namespace

CommandRegistrar::CommandRegistrar(int order, AddCommandFn add) { Registry().emplace_back(order, add); }

void AddRegisteredCommands(CLI::App& root, Context& context) {
  auto commands = Registry();
  std::stable_sort(commands.begin(), commands.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [order, add] : commands) add(root, context);
}

void NetworkFlags::AddTo(CLI::App* command) {
  command->add_option("--connect-to", connect_to,
                      "Connect to ADDR:PORT instead of HOST:PORT (curl's CONNECT_TO: HOST:PORT:ADDR:PORT); repeatable")
      ->type_name("HOST:PORT:ADDR:PORT");
  command->add_option("--cacert", cacert, "Extra CA certificate bundle (PEM) to trust")->type_name("FILE");
  command->add_option("--user-agent", user_agent, "User-Agent to send (default names llmtwin and a contact URL)");
  command->add_option("--concurrency", concurrency, "Transfers in flight across all hosts")->check(CLI::PositiveNumber);
  command->add_flag("--no-robots", no_robots, "Do not fetch or honour robots.txt (only for sites you own)");
  command->add_flag("--allow-private", allow_private,
                    "Allow loopback, private and link-local addresses (refused by default)");
  command->add_option("--crawl", crawl_settings, "Set any crawl: option of the config, as KEY=VALUE; repeatable")
      ->type_name("KEY=VALUE");
}

void NetworkFlags::ApplyTo(CrawlOptions& options) const {
  for (const auto& setting : crawl_settings) {
    const auto eq = setting.find('=');
    if (eq == std::string::npos || eq == 0)
      throw Error(ErrorKind::kUsage, "--crawl expects KEY=VALUE, got '" + setting + "'");
    SetCrawlOption(options, setting.substr(0, eq), setting.substr(eq + 1));
  }
  if (!connect_to.empty()) options.connect_to.insert(options.connect_to.end(), connect_to.begin(), connect_to.end());
  if (!cacert.empty()) options.cacert = cacert;
  if (!user_agent.empty()) options.user_agent = user_agent;
  if (concurrency > 0) options.concurrency = concurrency;
  if (no_robots) options.respect_robots = false;
  if (allow_private) options.allow_private_addresses = true;
}

void AddWarehouseOption(CLI::App* command, std::string& uri) {
  command->add_option("--warehouse", uri,
                      "sqlite:PATH or mongodb://HOST:PORT/DB (default: DATABASE_HOST/DATABASE_NAME when set, "
                      "else sqlite:data/twin.sqlite)")
      ->type_name("URI");
}

std::string ResolveWarehouseUri(const std::string& flag, const std::string& from_config) {
  return !flag.empty() ? flag : from_config;  // "" lets OpenWarehouse read the environment
}

}  // namespace llmtwin::cli
