// SPDX-License-Identifier: BSD-2-Clause
// The bundle's exact structure: which nodes and properties exist, by exact name, each once.
// Runs after bundle_check_layout(), so libfdt's read functions see a well-formed tree.

#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "internal.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define PATH_MAX_LEN  64

enum prop_kind { P_STRING, P_U32, P_BYTES };

struct prop_rule {
	const char *name;
	enum prop_kind kind;
};

struct prop_val {
	const void *p;
	int len;
};

/* Properties of each node kind, in the order the view reads them. */
static const struct prop_rule root_props[] = {{"bundle-format", P_U32}};
static const struct prop_rule image_props[] = {{"type", P_STRING}, {"data", P_BYTES}};
static const struct prop_rule hash_props[] = {{"algo", P_STRING}, {"value", P_BYTES}};
static const struct prop_rule config_props[] = {{"description", P_BYTES}};
static const struct prop_rule sig_props[] = {{"algo", P_STRING},
					     {"key-name-hint", P_STRING},
					     {"security-version", P_U32},
					     {"value", P_BYTES}};

/* Children each node kind must have, by exact name (the images themselves are checked apart). */
enum { ROOT_IMAGES, ROOT_CONFIG, ROOT_SIGNATURE, ROOT_CHILDREN };
static const char *const root_children[ROOT_CHILDREN] = {"images", "configuration", "signature"};
static const char *const image_children[] = {"hash"};

/* What an image's type may be: what later stages know how to load. */
static const char *const image_types[] = {"kernel", "ramdisk", "firmware", "data"};

static bool kind_ok(enum prop_kind k, const char *v, int len)
{
	if (k == P_U32)
		return len == 4;
	if (k == P_STRING)
		return len >= 2 && v[len - 1] == '\0' && strlen(v) == (size_t)len - 1;
	return true;
}

static size_t rule_index(const struct prop_rule *r, size_t n, const char *name)
{
	size_t i = 0;

	while (i < n && strcmp(r[i].name, name) != 0)
		i++;
	return i;
}

static bool one_prop(const void *fdt, int po, const char *path, const struct prop_rule *r, size_t n,
		     struct prop_val *v, struct bundle_err *e)
{
	const char *name;
	int len;
	const void *val = fdt_getprop_by_offset(fdt, po, &name, &len);
	size_t i;

	if (!BCC(e, val && name, "malformed bundle: %s: unreadable property", path))
		return false;
	i = rule_index(r, n, name);
	if (!BCC(e, i < n, "malformed bundle: %s: unexpected property \"%s\"", path, name) ||
	    !BCC(e, !v[i].p, "malformed bundle: %s: duplicate property \"%s\"", path, name) ||
	    !BCC(e, kind_ok(r[i].kind, val, len), "malformed bundle: %s: %s has the wrong form",
		 path, name))
		return false;
	v[i] = (struct prop_val){val, len};
	return true;
}

/* Exactly the properties of @r, each once and of its kind. */
static bool node_props(const void *fdt, int node, const char *path, const struct prop_rule *r,
		       size_t n, struct prop_val *v, struct bundle_err *e)
{
	int po;

	if (n)
		memset(v, 0, n * sizeof(*v));
	fdt_for_each_property_offset(po, fdt, node)
	{
		if (!one_prop(fdt, po, path, r, n, v, e))
			return false;
	}
	for (size_t i = 0; i < n; i++)
		if (!BCC(e, v[i].p, "malformed bundle: %s: missing property \"%s\"", path,
			 r[i].name))
			return false;
	return true;
}

/* Exactly the children named in @names (all required unless @optional_last), each once. */
static bool node_children(const void *fdt, int node, const char *path, const char *const *names,
			  size_t n, bool optional_last, int *offs, struct bundle_err *e)
{
	int child;
	size_t i;

	for (i = 0; i < n; i++)
		offs[i] = -1;
	fdt_for_each_subnode(child, fdt, node)
	{
		const char *name = fdt_get_name(fdt, child, NULL);

		for (i = 0; i < n && strcmp(names[i], name) != 0; i++)
			;
		if (!BCC(e, i < n, "malformed bundle: %s: unexpected node \"%s\"", path, name) ||
		    !BCC(e, offs[i] < 0, "malformed bundle: %s: duplicate node \"%s\"", path, name))
			return false;
		offs[i] = child;
	}
	for (i = 0; i < n; i++)
		if (!(optional_last && i == n - 1) &&
		    !BCC(e, offs[i] >= 0, "malformed bundle: %s: missing node \"%s\"", path,
			 names[i]))
			return false;
	return true;
}

/* Image names: [A-Za-z0-9][A-Za-z0-9._-]*, so no "@" twins and nothing a path could confuse. */
static bool name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= BUNDLE_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool alnum =
		    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || !strchr("._-", c)))
			return false;
	}
	return true;
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static bool check_hash(const void *fdt, int node, const char *path, struct bundle_image *img,
		       struct bundle_err *e)
{
	struct prop_val v[ARRAY_SIZE(hash_props)];

	if (!node_props(fdt, node, path, hash_props, ARRAY_SIZE(hash_props), v, e) ||
	    !node_children(fdt, node, path, NULL, 0, false, NULL, e))
		return false;
	img->hash = bundle_hash_by_name(v[0].p);
	img->digest = v[1].p;
	if (!BCC(e, img->hash != BUNDLE_HASH_NONE, "malformed bundle: %s: unknown hash \"%s\"",
		 path, (const char *)v[0].p))
		return false;
	return BCC(e, (size_t)v[1].len == bundle_hash_size(img->hash),
		   "malformed bundle: %s: digest is %d bytes", path, v[1].len);
}

static bool check_image(const void *fdt, int node, struct bundle_image *img, const char *prev,
			struct bundle_err *e)
{
	char path[PATH_MAX_LEN];
	struct prop_val v[ARRAY_SIZE(image_props)];
	int hash;

	img->name = fdt_get_name(fdt, node, NULL);
	snprintf(path, sizeof(path), "/images/%.31s", img->name);
	if (!BCC(e, name_ok(img->name), "malformed bundle: %s: bad image name", path) ||
	    !BCC(e, !prev || strcmp(prev, img->name) < 0,
		 "malformed bundle: %s: images not in strictly ascending name order (duplicate?)",
		 path) ||
	    !node_props(fdt, node, path, image_props, ARRAY_SIZE(image_props), v, e) ||
	    !node_children(fdt, node, path, image_children, 1, false, &hash, e))
		return false;
	img->type = v[0].p;
	img->data = v[1].p;
	img->size = (size_t)v[1].len;
	if (!BCC(e, in_list(img->type, image_types, ARRAY_SIZE(image_types)),
		 "malformed bundle: %s: unknown type \"%s\"", path, img->type))
		return false;
	strncat(path, "/hash", sizeof(path) - strlen(path) - 1);
	return check_hash(fdt, hash, path, img, e);
}

static bool check_images(const void *fdt, int node, struct bundle_view *out, struct bundle_err *e)
{
	const char *prev = NULL;
	int child;

	if (!node_props(fdt, node, "/images", NULL, 0, NULL, e))
		return false;
	fdt_for_each_subnode(child, fdt, node)
	{
		if (!BCC(e, out->nimages < BUNDLE_MAX_IMAGES,
			 "malformed bundle: more than %d images", BUNDLE_MAX_IMAGES) ||
		    !check_image(fdt, child, &out->image[out->nimages], prev, e))
			return false;
		prev = out->image[out->nimages++].name;
	}
	return true;
}

static bool check_config(const void *fdt, int node, struct bundle_view *out, struct bundle_err *e)
{
	struct prop_val v[ARRAY_SIZE(config_props)];

	if (!node_props(fdt, node, "/configuration", config_props, 1, v, e) ||
	    !node_children(fdt, node, "/configuration", NULL, 0, false, NULL, e))
		return false;
	out->config = v[0].p;
	out->config_size = (size_t)v[0].len;
	return BCC(e, out->config_size > 0, "malformed bundle: /configuration: empty description");
}

static bool check_sig(const void *fdt, int node, struct bundle_view *out, struct bundle_err *e)
{
	struct prop_val v[ARRAY_SIZE(sig_props)];

	if (!node_props(fdt, node, "/signature", sig_props, ARRAY_SIZE(sig_props), v, e) ||
	    !node_children(fdt, node, "/signature", NULL, 0, false, NULL, e))
		return false;
	out->signed_ = true;
	out->alg = bundle_alg_by_name(v[0].p);
	out->key_hint = v[1].p;
	out->version = fdt32_to_cpu(*(const fdt32_t *)v[2].p);
	out->sig = v[3].p;
	out->sig_size = (size_t)v[3].len;
	if (!BCC(e, out->alg != BUNDLE_ALG_NONE,
		 "malformed bundle: unknown signature algorithm \"%s\"", (const char *)v[0].p) ||
	    !BCC(e, name_ok(out->key_hint), "malformed bundle: bad key-name-hint"))
		return false;
	return BCC(e, out->sig_size == bundle_sig_size(out->alg),
		   "malformed bundle: signature is %lu bytes, %s needs %lu",
		   (unsigned long)out->sig_size, bundle_alg_name(out->alg),
		   (unsigned long)bundle_sig_size(out->alg));
}

bool bundle_check_schema(const void *fdt, bool need_sig, struct bundle_view *out,
			 struct bundle_err *e)
{
	struct prop_val v[ARRAY_SIZE(root_props)];
	int child[ROOT_CHILDREN];

	if (!BCC(e, fdt_get_name(fdt, 0, NULL)[0] == '\0', "malformed bundle: root has a name") ||
	    !node_props(fdt, 0, "/", root_props, ARRAY_SIZE(root_props), v, e) ||
	    !BCC(e, fdt32_to_cpu(*(const fdt32_t *)v[0].p) == BUNDLE_FORMAT_VERSION,
		 "unsupported bundle format %lu",
		 (unsigned long)fdt32_to_cpu(*(const fdt32_t *)v[0].p)) ||
	    !node_children(fdt, 0, "/", root_children, ROOT_CHILDREN, true, child, e))
		return false;
	if (!BCC(e, child[ROOT_SIGNATURE] >= 0 || !need_sig,
		 "unsigned bundle: no /signature node (only signed bundles boot)"))
		return false;
	if (!check_images(fdt, child[ROOT_IMAGES], out, e) ||
	    !check_config(fdt, child[ROOT_CONFIG], out, e))
		return false;
	return child[ROOT_SIGNATURE] < 0 || check_sig(fdt, child[ROOT_SIGNATURE], out, e);
}
