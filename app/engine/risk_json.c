#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "engine/risk.h"
#include "engine/risk_json.h"

#define RISK_TEXT_LEN	1024

json_object *
risk_json_item(const struct risk_item *it)
{
	const struct risk_def	*d = it->def != NULL ? it->def :
				    risk_def(it->code);
	json_object		*o = json_object_new_object();

	json_object_object_add(o, "risk_code", json_object_new_string(d->code));
	json_object_object_add(o, "risk_label",
	    json_object_new_string(d->label));
	json_object_object_add(o, "category",
	    json_object_new_string(d->category));
	json_object_object_add(o, "severity", json_object_new_string(
	    risk_severity_name(d->severity)));
	json_object_object_add(o, "confidence",
	    json_object_new_string(d->confidence));
	json_object_object_add(o, "description",
	    json_object_new_string(it->description));
	json_object_object_add(o, "review_action",
	    json_object_new_string(d->review_action));
	json_object_object_add(o, "impact_area",
	    json_object_new_string(d->impact_area));
	return o;
}

json_object *
risk_json_list(const struct risk_list *l)
{
	json_object	*a = json_object_new_array();
	size_t		 i;

	for (i = 0; i < l->n; i++)
		json_object_array_add(a, risk_json_item(&l->items[i]));
	return a;
}

void
risk_json_text(const struct risk_list *l, char *out, size_t outlen)
{
	int	 counts[RISK_SEV__MAX];
	size_t	 used, i;

	if (l->n == 0) {
		snprintf(out, outlen, "No compliance risks detected.");
		return;
	}
	risk_count(l, counts);
	snprintf(out, outlen, "%zu risk%s detected (%d high, %d warning, "
	    "%d info):", l->n, l->n == 1 ? "" : "s", counts[RISK_SEV_HIGH],
	    counts[RISK_SEV_WARNING], counts[RISK_SEV_INFO]);
	for (i = 0; i < l->n; i++) {
		used = strlen(out);
		if (used + 1 >= outlen)
			break;
		snprintf(out + used, outlen - used, "%s %s",
		    i == 0 ? "" : ";", l->items[i].description);
	}
}

json_object *
risk_json_envelope(const struct risk_list *l, const char *mode)
{
	json_object	*o = json_object_new_object(), *c;
	int		 counts[RISK_SEV__MAX];
	char		 text[RISK_TEXT_LEN];

	risk_count(l, counts);
	json_object_object_add(o, "risks", risk_json_list(l));
	json_object_object_add(o, "overall_risk_level", json_object_new_string(
	    risk_level_name(risk_overall_level(l))));
	json_object_object_add(o, "requires_manual_review",
	    json_object_new_boolean(risk_requires_review(l)));
	json_object_object_add(o, "total_risks_detected",
	    json_object_new_int((int)l->n));
	c = json_object_new_object();
	json_object_object_add(c, "high",
	    json_object_new_int(counts[RISK_SEV_HIGH]));
	json_object_object_add(c, "warning",
	    json_object_new_int(counts[RISK_SEV_WARNING]));
	json_object_object_add(c, "info",
	    json_object_new_int(counts[RISK_SEV_INFO]));
	json_object_object_add(o, "risk_counts_by_severity", c);
	risk_json_text(l, text, sizeof(text));
	json_object_object_add(o, "risk_text", json_object_new_string(text));
	json_object_object_add(o, "detection_mode",
	    json_object_new_string(mode));
	json_object_object_add(o, "deterministic",
	    json_object_new_boolean(1));
	return o;
}
