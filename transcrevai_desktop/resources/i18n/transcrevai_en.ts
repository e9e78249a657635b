<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ExportMenu</name>
    <message numerus="yes">
        <source>Saved %n files in {folder}</source>
        <translation>
            <numerusform>Saved %n file in {folder}</numerusform>
            <numerusform>Saved %n files in {folder}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryActions</name>
    <message numerus="yes">
        <source>%n recording(s) stopped before the transcript was written; the audio is kept. Open them to transcribe?</source>
        <translation>
            <numerusform>%n recording stopped before its transcript was written; its audio is kept. Open it to transcribe?</numerusform>
            <numerusform>%n recordings stopped before their transcripts were written; their audio is kept. Open them to transcribe?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message numerus="yes">
        <source>%n folder(s) skipped: {problems}</source>
        <translation>
            <numerusform>%n folder skipped: {problems}</numerusform>
            <numerusform>%n folders skipped: {problems}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Search the names and transcripts of %n recording(s)</source>
        <translation>
            <numerusform>Search the names and transcripts of %n recording</numerusform>
            <numerusform>Search the names and transcripts of %n recordings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusInfo</name>
    <message numerus="yes">
        <source>%n tab(s)</source>
        <translation>
            <numerusform>%n tab</numerusform>
            <numerusform>%n tabs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recording</source>
        <translation>
            <numerusform>%n recording</numerusform>
            <numerusform>%n recording</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>%n replaced</numerusform>
            <numerusform>%n replaced</numerusform>
        </translation>
    </message>
</context>
</TS>
