// SPDX-License-Identifier: BSD-2-Clause
// Reading the board's files below a root directory ("/" on the board, a capture in tests), and
// saving each one read into the capture directory under the same relative path.

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inspect.h"

/* sysfs reports 4096 for every attribute and 0 for ACPI tables it has not sized: read to EOF. */
#define READ_CHUNK    4096
#define MAX_FILE_SIZE (64U << 20)

static void join(char *out, size_t outlen, const char *dir, const char *rel)
{
	snprintf(out, outlen, "%s/%s", dir, rel[0] == '/' ? rel + 1 : rel);
}

static int mkdirs(char *path)
{
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST) {
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	return 0;
}

int rootfs_save(const struct rootfs *fs, const char *rel, const void *data, size_t len)
{
	char path[4096];
	FILE *f;
	int ok;

	if (!fs->capture)
		return 0;
	join(path, sizeof(path), fs->capture, rel);
	if (mkdirs(path) < 0)
		return perror(path), -1;
	f = fopen(path, "wb");
	ok = f && fwrite(data, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok)
		perror(path);
	return ok ? 0 : -1;
}

static char *slurp(int fd, size_t *len)
{
	size_t cap = READ_CHUNK, n = 0;
	char *buf = malloc(cap + 1);
	ssize_t r;

	while (buf && (r = read(fd, buf + n, cap - n)) > 0) {
		n += (size_t)r;
		if (n == cap && cap < MAX_FILE_SIZE) {
			char *bigger = realloc(buf, 2 * cap + 1);

			if (!bigger)
				break;
			buf = bigger;
			cap *= 2;
		} else if (n == cap) {
			break;
		}
	}
	if (buf && r < 0) {
		free(buf);
		return NULL;
	}
	if (buf) {
		buf[n] = '\0'; /* text files are used as strings */
		*len = n;
	}
	return buf;
}

char *rootfs_read(const struct rootfs *fs, const char *rel, size_t *len)
{
	char path[4096];
	size_t n = 0;
	char *data;
	int fd;

	join(path, sizeof(path), fs->root, rel);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	data = slurp(fd, &n);
	close(fd);
	if (data && rootfs_save(fs, rel, data, n) < 0) {
		free(data);
		return NULL;
	}
	if (len)
		*len = n;
	return data;
}

int rootfs_readlink(const struct rootfs *fs, const char *rel, char *out, size_t outlen)
{
	char path[4096], copy[4096];
	ssize_t n;

	join(path, sizeof(path), fs->root, rel);
	n = readlink(path, out, outlen - 1);
	if (n < 0)
		return -1;
	out[n] = '\0';
	if (!fs->capture)
		return 0;
	join(copy, sizeof(copy), fs->capture, rel);
	if (mkdirs(copy) < 0 || (symlink(out, copy) < 0 && errno != EEXIST))
		return perror(copy), -1;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int rootfs_list(const struct rootfs *fs, const char *rel, char ***names)
{
	char path[4096];
	struct dirent *d;
	char **v = NULL;
	int n = 0;
	DIR *dir;

	join(path, sizeof(path), fs->root, rel);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((d = readdir(dir)) != NULL) {
		char **bigger;

		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		bigger = realloc(v, (size_t)(n + 1) * sizeof(*v));
		if (!bigger || !(bigger[n] = strdup(d->d_name))) {
			v = bigger ? bigger : v;
			rootfs_free_list(v, n);
			closedir(dir);
			return -1;
		}
		v = bigger;
		n++;
	}
	closedir(dir);
	qsort(v, (size_t)n, sizeof(*v), by_name);
	*names = v;
	return n;
}

void rootfs_free_list(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
