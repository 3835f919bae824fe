/*
 * The request handlers.  Each answers its request exactly once.  Path
 * parameters ("{}" in the route) are in r->param[0], r->param[1].
 */
#ifndef AWARD_API_HANDLERS_H
#define AWARD_API_HANDLERS_H

struct api_request;

/* GET /health: 200 with the database up, 503 with it down. */
void	h_health(struct api_request *);

/* Calculation (h_calc.c). */
void	h_calculate_pay(struct api_request *);
void	h_calculate_pay_audited(struct api_request *);
void	h_detect_risks(struct api_request *);
void	h_detect_risks_post(struct api_request *);
void	h_compare_awards(struct api_request *);
void	h_audit_get(struct api_request *);

/* Award data (h_awards.c). */
void	h_awards_list(struct api_request *);
void	h_award_get(struct api_request *);
void	h_award_classifications(struct api_request *);
void	h_award_versions(struct api_request *);

/* Batches (h_batches.c). */
void	h_batch_upload(struct api_request *);
void	h_batch_list(struct api_request *);
void	h_batch_get(struct api_request *);
void	h_batch_delete(struct api_request *);
void	h_batch_results(struct api_request *);
void	h_batch_employees(struct api_request *);
void	h_batch_export(struct api_request *);
void	h_batch_cancel(struct api_request *);

#endif
