//! The memory and CPUs this process may use: the machine's `MemAvailable`
//! and core count, narrowed by the limits of the control group (cgroup v2
//! `memory.max` / `cpu.max`, v1 `memory.limit_in_bytes` /
//! `cpu.cfs_quota_us`) that a container, a Kubernetes pod or a Slurm job
//! runs it in. Read from files under a root directory (`/` on a real
//! system, a fixture tree in tests).

use std::fs;
use std::path::{Path, PathBuf};

/// cgroup v1 writes this (or more) for "no limit".
const V1_UNLIMITED: u64 = 1 << 62;

/// Memory this process can still get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryLimit {
    /// Bytes available: the smaller of `MemAvailable` and the cgroup's
    /// headroom.
    pub available: u64,
    /// The cgroup's limit in bytes when it is what binds, else `None`.
    pub cgroup_limit: Option<u64>,
}

/// The files a system's limits are read from, below `root`.
#[derive(Debug, Clone)]
pub struct SystemFiles {
    root: PathBuf,
}

impl SystemFiles {
    /// This system's files (`/proc`, `/sys/fs/cgroup`).
    pub fn system() -> Self {
        Self::at("/")
    }

    /// The files below `root` (`root/proc/meminfo`, `root/proc/self/cgroup`,
    /// `root/sys/fs/cgroup/…`).
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn read(&self, rel: &Path) -> Option<String> {
        fs::read_to_string(self.root.join(rel)).ok()
    }

    /// `MemAvailable` from `/proc/meminfo`, in bytes.
    fn mem_available(&self) -> Option<u64> {
        let text = self.read(Path::new("proc/meminfo"))?;
        let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    /// This process's cgroup directories for `controller`, innermost first:
    /// the v2 unified hierarchy (`0::/path`) or the v1 hierarchy that
    /// carries the controller (`N:a,b:/path`), each with its ancestors up
    /// to the mount point (a limit set on a parent binds too). Where the
    /// path does not exist below the mount (a container whose cgroup
    /// namespace shows its own cgroup as the mount's root), the mount's
    /// root alone.
    fn cgroup_dirs(&self, controller: &str) -> Vec<(PathBuf, bool)> {
        let Some(text) = self.read(Path::new("proc/self/cgroup")) else {
            return Vec::new();
        };
        let base = self.root.join("sys/fs/cgroup");
        let mut dirs = Vec::new();
        for line in text.lines() {
            let mut parts = line.splitn(3, ':');
            let (Some(id), Some(controllers), Some(path)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let rel = path.trim_start_matches('/');
            let (mount, v2) = if id == "0" && controllers.is_empty() {
                // The unified hierarchy, mounted at /sys/fs/cgroup (pure
                // v2) or /sys/fs/cgroup/unified (hybrid).
                let pure = base.join("cgroup.controllers");
                if pure.exists() {
                    (base.clone(), true)
                } else {
                    (base.join("unified"), true)
                }
            } else if controllers.split(',').any(|c| c == controller) {
                let dir = if controller == "cpu" && !base.join("cpu").exists() {
                    base.join("cpu,cpuacct")
                } else {
                    base.join(controller)
                };
                (dir, false)
            } else {
                continue;
            };
            let mut dir = mount.join(rel);
            if !dir.is_dir() {
                dir = mount.clone();
            }
            loop {
                dirs.push((dir.clone(), v2));
                if dir == mount || !dir.pop() {
                    break;
                }
            }
        }
        dirs
    }

    fn number(&self, dir: &Path, file: &str) -> Option<u64> {
        fs::read_to_string(dir.join(file)).ok()?.trim().parse().ok()
    }

    /// Bytes of reclaimable page cache charged to a cgroup (`inactive_file`
    /// in `memory.stat`), which the kernel frees before it kills.
    fn inactive_file(&self, dir: &Path, v2: bool) -> u64 {
        let key = if v2 {
            "inactive_file"
        } else {
            "total_inactive_file"
        };
        fs::read_to_string(dir.join("memory.stat"))
            .ok()
            .and_then(|text| {
                text.lines().find_map(|l| {
                    let (k, v) = l.split_once(' ')?;
                    (k == key).then(|| v.trim().parse().ok()).flatten()
                })
            })
            .unwrap_or(0)
    }

    /// The tightest cgroup memory limit and its headroom (limit minus
    /// usage, reclaimable page cache not counted as used).
    fn cgroup_memory(&self) -> Option<(u64, u64)> {
        let mut best: Option<(u64, u64)> = None;
        for (dir, v2) in self.cgroup_dirs("memory") {
            let (limit, usage) = if v2 {
                (
                    self.number(&dir, "memory.max"),
                    self.number(&dir, "memory.current"),
                )
            } else {
                (
                    self.number(&dir, "memory.limit_in_bytes")
                        .filter(|&l| l < V1_UNLIMITED),
                    self.number(&dir, "memory.usage_in_bytes"),
                )
            };
            let Some(limit) = limit else { continue };
            let used = usage
                .unwrap_or(0)
                .saturating_sub(self.inactive_file(&dir, v2));
            let headroom = limit.saturating_sub(used);
            if best.is_none_or(|(_, h)| headroom < h) {
                best = Some((limit, headroom));
            }
        }
        best
    }

    /// Memory this process can still get (`None` when nothing is known).
    pub fn memory(&self) -> Option<MemoryLimit> {
        let machine = self.mem_available();
        match (machine, self.cgroup_memory()) {
            (Some(m), Some((limit, headroom))) if headroom < m => Some(MemoryLimit {
                available: headroom,
                cgroup_limit: Some(limit),
            }),
            (None, Some((limit, headroom))) => Some(MemoryLimit {
                available: headroom,
                cgroup_limit: Some(limit),
            }),
            (Some(m), _) => Some(MemoryLimit {
                available: m,
                cgroup_limit: None,
            }),
            (None, None) => None,
        }
    }

    /// Whole CPUs the cgroup's quota allows (`cpu.max` in v2,
    /// `cpu.cfs_quota_us / cpu.cfs_period_us` in v1), rounded down and at
    /// least 1; `None` without a quota.
    pub fn cpu_quota(&self) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (dir, v2) in self.cgroup_dirs("cpu") {
            let cpus = if v2 {
                fs::read_to_string(dir.join("cpu.max")).ok().and_then(|t| {
                    let mut it = t.split_whitespace();
                    let quota: u64 = it.next()?.parse().ok()?;
                    let period: u64 = it.next()?.parse().ok()?;
                    Some((quota, period))
                })
            } else {
                let quota = fs::read_to_string(dir.join("cpu.cfs_quota_us"))
                    .ok()
                    .and_then(|t| t.trim().parse::<i64>().ok())
                    .filter(|&q| q > 0);
                quota.and_then(|q| Some((q as u64, self.number(&dir, "cpu.cfs_period_us")?)))
            };
            let Some((quota, period)) = cpus.filter(|&(_, p)| p > 0) else {
                continue;
            };
            let n = ((quota / period) as usize).max(1);
            best = Some(best.map_or(n, |b| b.min(n)));
        }
        best
    }

    /// The default number of worker threads: the cores this process may
    /// run on, capped by the cgroup's CPU quota.
    pub fn default_threads(&self) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        self.cpu_quota().map_or(cores, |q| q.min(cores))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixture tree below a fresh temporary directory.
    fn tree(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("wom-limits-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for (path, text) in files {
            let p = root.join(path);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        root
    }

    const MEMINFO: &str = "MemTotal: 25000000 kB\nMemAvailable: 20000000 kB\n";

    #[test]
    fn v2_memory_max_binds_when_below_mem_available() {
        let root = tree(
            "v2",
            &[
                ("proc/meminfo", MEMINFO),
                ("proc/self/cgroup", "0::/job/step\n"),
                ("sys/fs/cgroup/cgroup.controllers", "cpu memory\n"),
                ("sys/fs/cgroup/job/memory.max", "2147483648\n"),
                ("sys/fs/cgroup/job/memory.current", "1073741824\n"),
                (
                    "sys/fs/cgroup/job/memory.stat",
                    "anon 1\ninactive_file 536870912\n",
                ),
                ("sys/fs/cgroup/job/step/memory.max", "max\n"),
                ("sys/fs/cgroup/job/step/memory.current", "100\n"),
                ("sys/fs/cgroup/job/step/cpu.max", "max 100000\n"),
                ("sys/fs/cgroup/job/cpu.max", "150000 100000\n"),
            ],
        );
        let files = SystemFiles::at(&root);
        // The parent's limit binds: 2 GiB − (1 GiB used − 0.5 GiB cache).
        assert_eq!(
            files.memory(),
            Some(MemoryLimit {
                available: 1536 << 20,
                cgroup_limit: Some(2 << 30),
            })
        );
        assert_eq!(files.cpu_quota(), Some(1));
        assert_eq!(files.default_threads(), 1);
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn v1_limit_in_bytes_and_cfs_quota() {
        let root = tree(
            "v1",
            &[
                ("proc/meminfo", MEMINFO),
                (
                    "proc/self/cgroup",
                    "4:memory:/slurm/job_7\n3:cpu,cpuacct:/slurm/job_7\n0::/\n",
                ),
                (
                    "sys/fs/cgroup/memory/memory.limit_in_bytes",
                    "9223372036854771712\n",
                ),
                (
                    "sys/fs/cgroup/memory/slurm/job_7/memory.limit_in_bytes",
                    "1073741824\n",
                ),
                (
                    "sys/fs/cgroup/memory/slurm/job_7/memory.usage_in_bytes",
                    "73741824\n",
                ),
                (
                    "sys/fs/cgroup/cpu,cpuacct/slurm/job_7/cpu.cfs_quota_us",
                    "400000\n",
                ),
                (
                    "sys/fs/cgroup/cpu,cpuacct/slurm/job_7/cpu.cfs_period_us",
                    "100000\n",
                ),
                ("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "-1\n"),
            ],
        );
        let files = SystemFiles::at(&root);
        assert_eq!(
            files.memory(),
            Some(MemoryLimit {
                available: 1_000_000_000,
                cgroup_limit: Some(1 << 30),
            })
        );
        assert_eq!(files.cpu_quota(), Some(4));
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn without_limits_the_machine_decides() {
        let root = tree(
            "none",
            &[
                ("proc/meminfo", MEMINFO),
                ("proc/self/cgroup", "0::/\n"),
                ("sys/fs/cgroup/cgroup.controllers", "cpu memory\n"),
                ("sys/fs/cgroup/cpu.max", "max 100000\n"),
            ],
        );
        let files = SystemFiles::at(&root);
        assert_eq!(
            files.memory(),
            Some(MemoryLimit {
                available: 20_000_000 * 1024,
                cgroup_limit: None,
            })
        );
        assert_eq!(files.cpu_quota(), None);
        // A generous limit does not bind either.
        fs::write(root.join("sys/fs/cgroup/memory.max"), "99999999999999\n").unwrap();
        assert_eq!(files.memory().unwrap().cgroup_limit, None);
        fs::remove_dir_all(root).unwrap();
        assert_eq!(SystemFiles::at("/nonexistent-wom-root").memory(), None);
    }
}
