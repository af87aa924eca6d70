#!/usr/bin/env bash
# Lists the tenants of the Stockholm registration and removes one that left.
set -euo pipefail
registration="/subscriptions/b6a1f3c2-4d8e-4f1a-9c37-2e5d0a8b7f14/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/sthlm01-payg"

az rest --method get --url "https://management.azure.com${registration}/customerSubscriptions?api-version=2016-01-01"

az rest --method delete \
  --url "https://management.azure.com/subscriptions/b6a1f3c2-4d8e-4f1a-9c37-2e5d0a8b7f14/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/sthlm01-payg/customerSubscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e?api-version=2017-06-01"
