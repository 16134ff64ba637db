// SPDX-License-Identifier: BSD-2-Clause
// Source positions from dtc's annotated output: every node and property line there ends with
// "/* FILE:LINE:COL-LINE:COL[, ...] */", the first place it was written.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dts_lines.h"

#define MAX_DEPTH 32

static int add(struct dts_map *m, const char *path, const char *prop, const char *file,
	       unsigned int line)
{
	struct dts_pos *p;

	if (m->count == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		struct dts_pos *n = realloc(m->pos, cap * sizeof(*n));

		if (!n)
			return -1;
		m->pos = n;
		m->cap = cap;
	}
	p = &m->pos[m->count];
	p->path = strdup(path);
	p->prop = strdup(prop);
	p->file = strdup(file);
	p->line = line;
	if (!p->path || !p->prop || !p->file)
		return -1;
	m->count++;
	return 0;
}

/* "FILE:L:C-L:C, ..." -> FILE and L of the first position. */
static int parse_pos(char *ann, char **file, unsigned int *line)
{
	char *end = strstr(ann, ", "), *dash, *colon;

	if (end)
		*end = '\0';
	dash = strrchr(ann, '-');
	if (!dash)
		return -1;
	*dash = '\0';
	colon = strrchr(ann, ':'); /* before the column */
	if (!colon)
		return -1;
	*colon = '\0';
	colon = strrchr(ann, ':'); /* before the line */
	if (!colon)
		return -1;
	*colon = '\0';
	*line = (unsigned int)strtoul(colon + 1, NULL, 10);
	*file = ann;
	return 0;
}

/* Drops leading "label: " words. */
static char *skip_labels(char *s)
{
	char *sp;

	while ((sp = strchr(s, ' ')) && sp > s && sp[-1] == ':')
		s = sp + 1;
	return s;
}

struct walker {
	struct dts_map *m;
	char path[MAX_DEPTH][256];
	int depth; /* path[depth - 1] is the open node */
};

static int node_open(struct walker *w, char *stmt, const char *file, unsigned int line)
{
	char *name = skip_labels(stmt);

	name[strcspn(name, " {")] = '\0';
	if (w->depth == MAX_DEPTH)
		return 0;
	if (w->depth == 0 || strcmp(name, "/") == 0)
		snprintf(w->path[w->depth], sizeof(w->path[0]), "/");
	else
		snprintf(w->path[w->depth], sizeof(w->path[0]), "%s/%s",
			 strcmp(w->path[w->depth - 1], "/") ? w->path[w->depth - 1] : "", name);
	return add(w->m, w->path[w->depth++], "", file, line);
}

static int one_line(struct walker *w, char *s)
{
	char *open = strstr(s, "/* "), *close, *file, *stmt, *end;
	unsigned int line;

	if (!open || !(close = strstr(open, " */")))
		return 0;
	*close = '\0';
	*open = '\0';
	if (parse_pos(open + 3, &file, &line) < 0)
		return 0;
	stmt = s + strspn(s, " \t");
	end = stmt + strlen(stmt);
	while (end > stmt && end[-1] == ' ')
		*--end = '\0';
	if (strncmp(stmt, "};", 2) == 0) {
		w->depth -= w->depth > 0;
		return 0;
	}
	if (end > stmt && end[-1] == '{')
		return node_open(w, stmt, file, line);
	if (w->depth == 0)
		return 0;
	stmt = skip_labels(stmt);
	stmt[strcspn(stmt, " =;")] = '\0';
	return add(w->m, w->path[w->depth - 1], stmt, file, line);
}

int dts_map_parse(struct dts_map *m, const char *annotated)
{
	struct walker *w = calloc(1, sizeof(*w));
	char *copy = strdup(annotated), *save = NULL;
	int rc = w && copy ? 0 : -1;

	if (w)
		w->m = m;
	for (char *l = rc == 0 ? strtok_r(copy, "\n", &save) : NULL; l && rc == 0;
	     l = strtok_r(NULL, "\n", &save))
		rc = one_line(w, l);
	free(copy);
	free(w);
	return rc;
}

void dts_map_free(struct dts_map *m)
{
	for (size_t i = 0; i < m->count; i++) {
		free(m->pos[i].path);
		free(m->pos[i].prop);
		free(m->pos[i].file);
	}
	free(m->pos);
	memset(m, 0, sizeof(*m));
}

static const struct dts_pos *lookup(const struct dts_map *m, const char *path, const char *prop)
{
	for (size_t i = 0; i < m->count; i++)
		if (!strcmp(m->pos[i].path, path) && !strcmp(m->pos[i].prop, prop))
			return &m->pos[i];
	return NULL;
}

const struct dts_pos *dts_map_find(const struct dts_map *m, const char *path, const char *prop)
{
	const struct dts_pos *p = lookup(m, path, prop);
	char up[256];
	char *slash;

	if (!p && prop[0])
		p = lookup(m, path, "");
	if (p)
		return p;
	snprintf(up, sizeof(up), "%s", path);
	while ((slash = strrchr(up, '/')) != NULL) {
		slash[slash == up ? 1 : 0] = '\0';
		if ((p = lookup(m, up, "")) != NULL || slash == up)
			return p;
	}
	return NULL;
}
