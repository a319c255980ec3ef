// Saves on disk: the atomic write every save goes through (a temporary file of its own, fsync,
// rename, the directory synced), and save_file / load_file over the text. Part of saves
// (save.h); the game's autosave and Save and quit call it.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "save_parts.h"

namespace threshold::story {

namespace {

std::string failed(FileFailure* failure, FileFailure::Step step, const char* what,
                   const std::string& path, int err) {
  if (failure) *failure = {step, path, err};
  return std::string(what) + " " + path + ": " + std::strerror(err);
}

}  // namespace

std::string write_file_atomically(const std::string& path, const std::string& contents,
                                  FileFailure* failure) {
  using Step = FileFailure::Step;
  // A name of its own for every write, by process and by a counter within it: two savers on
  // one path (two games, or the autosave and Save and quit) never write into each other's
  // temporary file, and whichever renames last wins whole. O_EXCL refuses a stale leftover.
  static std::atomic<unsigned long> writes{0};
  const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                          std::to_string(writes.fetch_add(1, std::memory_order_relaxed));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return failed(failure, Step::Write, "cannot write", tmp, errno);
  auto abandon = [&](Step step, const char* what) {
    const std::string message = failed(failure, step, what, tmp, errno);
    ::close(fd);
    ::unlink(tmp.c_str());
    return message;
  };
  const char* data = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return abandon(Step::Write, "cannot write");
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return abandon(Step::Flush, "cannot flush");
  if (::close(fd) != 0) {
    const std::string message = failed(failure, Step::Close, "cannot close", tmp, errno);
    ::unlink(tmp.c_str());
    return message;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string message = failed(failure, Step::Replace, "cannot replace", path, errno);
    ::unlink(tmp.c_str());
    return message;
  }
  // The rename itself lives in the directory: sync it so the new name survives a crash.
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "."
                          : slash == 0               ? "/"
                                                     : path.substr(0, slash);
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    const int rc = ::fsync(dfd);
    const int err = errno;
    ::close(dfd);
    // Some file systems cannot sync a directory; the file itself is safely written by now.
    if (rc != 0 && err != EINVAL && err != ENOTSUP) {
      return failed(failure, Step::SyncFolder, "cannot sync the directory", dir, err);
    }
  }
  return "";
}

std::string save_file(const std::string& path, const Story& story, const State& state,
                      FileFailure* failure) {
  return write_file_atomically(path, save_to_text(story, state), failure);
}

LoadedSave load_file(const std::string& path, const Story& story) {
  LoadedSave result;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.error = "cannot read " + path + ": " + std::strerror(errno);
    return result;
  }
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxSaveBytes) {
      result.error = path + ": the save is too large to be a save";
      return result;
    }
  }
  result = load_from_text(story, text);
  if (!result.ok) result.error = path + ": " + result.error;
  return result;
}

}  // namespace threshold::story
