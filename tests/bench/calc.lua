-- calculate-pay with a Friday-night-into-Saturday casual shift.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"award_code": "MA000004", "classification_code": "RE2",' ..
  ' "employment_type": "casual", "work_date": "2026-03-20",' ..
  ' "start_time": "20:00", "end_time": "02:00",' ..
  ' "unpaid_break_minutes": 30, "actual_pay": 150.00}'
