#!/usr/bin/env bash
# Stands in for the aws CLI in the catalog refresh tests. It answers exactly one command,
#   aws eks describe-addon-versions --kubernetes-version X --output json
# with the JSON recorded in aws/X.json, as the real CLI prints it; for a minor with no recording it fails as the real
# CLI does when EKS rejects the version, and any other arguments get the real CLI's usage error.
# The recordings follow the EKS service model's DescribeAddonVersions answer (addons[].addonName, .addonVersions[]
# .addonVersion, .architecture, .compatibilities[].clusterVersion/.platformVersions/.defaultVersion, as the SDKs
# generated from it name them, e.g. pplu/aws-sdk-perl Paws::EKS). Their versions are the ones the catalog's sources
# give; they were written in that shape, not captured from a live account (this machine has none).
# aws/X.hang makes the call for minor X hang, as the CLI does on an endpoint that accepts the connection and never
# answers, until SIGINT, which ends the CLI at once.
answers="$(cd "$(dirname "$0")/../aws" && pwd)"

if [ "$#" -eq 6 ] && [ "$1" = eks ] && [ "$2" = describe-addon-versions ] && [ "$3" = --kubernetes-version ] \
   && [ "$5" = --output ] && [ "$6" = json ]; then
  if [ -f "$answers/$4.hang" ]; then
    trap 'exit 130' INT
    # Short foreground sleeps: bash runs the trap between commands. Five minutes at most, so nothing lingers.
    for _ in $(seq 6000); do sleep 0.05; done
  fi
  if [ -f "$answers/$4.json" ]; then
    cat "$answers/$4.json"
    exit 0
  fi
  printf '\nAn error occurred (InvalidParameterException) when calling the DescribeAddonVersions operation: Kubernetes version %s is not supported.\n' "$4" >&2
  exit 254
fi

cat >&2 <<'USAGE'

usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
To see help text, you can run:

  aws help
  aws <command> help
  aws <command> <subcommand> help

aws: error: the following arguments are not recognized
USAGE
exit 252
