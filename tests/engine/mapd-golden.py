#!/usr/bin/env python3
# Builds tests/engine/MA000004.golden from the Fair Work Commission's
# MAPD penalty export (CC BY 4.0) for the General Retail award:
#
#   m=../shared/awards/mapd
#   python3 tests/engine/mapd-golden.py \
#       $m/MA000004_penalties_2024_2025.csv \
#       $m/MA000004_payrates_2024_2025.csv \
#       $m/MA000004_wage_allowances_2024_2025.csv \
#       $m/MA000004_expense_allowances_2024_2025.csv \
#       > tests/engine/MA000004.golden
#
# Each adult or junior, non-apprentice row becomes a one-hour shift of
# its kind (a junior row's age comes from its base pay rate in the pay
# rates export); rows the engine does not model (baking production
# shifts, a 20-year-old's rate after 6 months' service) are kept as
# "skip" lines so that the count of official figures stays visible.
# Each allowance row becomes an "allowance" line: the rule data's code,
# the employment type that may claim it, and the official amount.
import csv
import sys

GROUPS = {
    "Full-time and part-time adult employees other than shiftworkers"
    "—ordinary and penalty rates": ("ft", "non_shiftworker"),
    "Casual adult employees other than shiftworkers"
    "—ordinary and penalty rates": ("casual", "non_shiftworker"),
    "Full-time and part-time adult shiftworkers"
    "—shiftwork and penalty rates": ("ft", "shiftworker"),
    "Casual adult shiftworkers—shiftwork and penalty rates":
    ("casual", "shiftworker"),
    "All full-time and part-time adult employees—overtime rates":
    ("ft", "non_shiftworker"),
    "Full-time and part-time junior employees other than shiftworkers"
    "—ordinary and penalty rates": ("ft", "non_shiftworker"),
    "Casual junior employees other than shiftworkers"
    "—ordinary and penalty rates": ("casual", "non_shiftworker"),
    "Full-time and part-time junior shiftworkers"
    "—shiftwork and penalty rates": ("ft", "shiftworker"),
    "Casual junior shiftworkers—shiftwork and penalty rates":
    ("casual", "shiftworker"),
    "All full-time and part-time junior employees—overtime rates":
    ("ft", "non_shiftworker"),
}

# Junior base rates by age, as the pay rates export names them.
AGES = {
    "Under 16 years of age": "15",
    "16 years of age": "16",
    "17 years of age": "17",
    "18 years of age": "18",
    "19 years of age": "19",
    "20 years of age and employed by the employer for 6 months or less":
    "20",
}


def junior_ages(path):
    ages = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["data__employee_rate_type_code"] != "JN":
                continue
            ages[r["data__base_pay_rate_id"]] = AGES.get(
                r["data__classification"])
    return ages

# A Wednesday, Saturday and Sunday in each rate year.
DAYS = {
    "2024": {"wed": "2024-11-13", "sat": "2024-11-16", "sun": "2024-11-17"},
    "2025": {"wed": "2025-11-12", "sat": "2025-11-15", "sun": "2025-11-16"},
}

# penalty description -> (day, start, end, hours already today, ph)
KINDS = {
    "Ordinary hours": ("wed", "10:00", "11:00", "0", "0"),
    "Monday to Friday after 6.00 pm": ("wed", "18:00", "19:00", "0", "0"),
    "Saturday": ("sat", "10:00", "11:00", "0", "0"),
    "Sunday": ("sun", "10:00", "11:00", "0", "0"),
    "Public holiday": ("wed", "10:00", "11:00", "0", "1"),
    "Other than baking production employees (OBPE): Monday to Friday - "
    "Starting at or after 6.00 pm and before 5.00 am":
    ("wed", "18:00", "19:00", "0", "0"),
    "All shiftworkers: Saturday - OBPE and BPE":
    ("sat", "10:00", "11:00", "0", "0"),
    "All shiftworkers: Sunday - OBPE and BPE":
    ("sun", "10:00", "11:00", "0", "0"),
    "All shiftworkers: Public holiday - all hours within shift":
    ("wed", "10:00", "11:00", "0", "1"),
    "All shiftworkers: Public holiday - All hours within shift":
    ("wed", "10:00", "11:00", "0", "1"),
}

OVERTIME = {
    "Monday to Saturday – first 3 hours": ("wed", "10:00", "11:00", "9",
                                           "0"),
    "Monday to Saturday – after 3 hours": ("wed", "10:00", "11:00", "12",
                                           "0"),
    "Sunday – all day": ("sun", "10:00", "11:00", "9", "0"),
    "Public holiday": ("wed", "10:00", "11:00", "9", "1"),
}


# MAPD clause -> (rule code, employment type that claims it).
ALLOWANCES = {
    "19.10(b)": ("FIRST_AID", "ft"),
    "19.12": ("LIQUOR_LICENCE", "ft"),
    "19.9(b)": ("COLD_WORK", "ft"),
    "19.9(c)": ("COLD_WORK_BELOW_ZERO", "ft"),
    "19.13": ("BROKEN_HILL", "ft"),
    "19.2(b)(i)": ("MEAL", "ft"),
    "19.2(c)": ("MEAL_FURTHER", "ft"),
    "19.7": ("VEHICLE", "ft"),
    "19.3(c)(i)": ("LAUNDRY_FT", "ft"),
    "19.3(c)(ii)": ("LAUNDRY", "pt"),
}


def allowance_lines(path, years):
    out = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code, emp = ALLOWANCES[r["data__clauses"]]
            year = r["data__published_year"]
            if year not in years:
                continue
            out.append("allowance %s %s %s %s" % (
                code, year, emp, r["data__allowance_amount"]))
    return out


def main():
    seen = set()
    out = []
    ages = junior_ages(sys.argv[2])
    with open(sys.argv[1], encoding="utf-8") as f:
        for r in csv.DictReader(f):
            kind_code = r["employee_rate_type_code"]
            if kind_code not in ("AD", "JN"):
                continue
            group = GROUPS.get(r["clause_description"])
            if group is None or not r["classification_level"]:
                continue
            age = "-"
            if kind_code == "JN":
                age = ages.get(r["base_pay_rate_id"])
            year = r["operative_from"][:4]
            key = (r["clause_description"], r["penalty_description"],
                   r["classification_level"], year,
                   r["base_pay_rate_id"])
            if key in seen:
                continue
            seen.add(key)
            table = OVERTIME if "overtime" in r["clause_description"] \
                else KINDS
            kind = table.get(r["penalty_description"])
            level = r["classification_level"]
            desc = r["penalty_description"].replace(" ", "_")
            value = r["penalty_calculated_value"]
            if kind is None or age is None:
                out.append("skip RE%s %s %s %s %s" % (level, year,
                           group[0], value, desc))
                continue
            day, start, end, today, ph = kind
            out.append("RE%s %s %s %s %s %s %s %s %s %s %s %s %s" % (
                level, age, year, group[0], group[1], DAYS[year][day],
                start, end, today, ph, r["rate"], value, desc))
    print("# Generated by tests/engine/mapd-golden.py from the MAPD "
          "export")
    print("# MA000004_penalties_2024_2025.csv (Fair Work Commission, "
          "CC BY 4.0).")
    out += allowance_lines(sys.argv[3], DAYS)
    out += allowance_lines(sys.argv[4], DAYS)
    print("# class age year emp worker date start end hours_today ph "
          "percent dollars what")
    print("# allowance code year emp dollars")
    for line in sorted(out):
        print(line)


main()
